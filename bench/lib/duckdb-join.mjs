// The yardstick of `npm run bench:reconcile`, run in a child process of its own (so its memory is
// not the import's): DuckDB reads the UTF-8 POS journal and statement into tables (every column,
// as text; the title line skipped, the 合计 total line filtered out) and joins them on terminal +
// rrn. Started with fork(); gets { pos, statement } and answers { ok, result | error }.
import { DuckDBInstance } from "@duckdb/node-api";

const CSV_OPTIONS = `delim=',', quote='"', header=true, skip=1, all_varchar=true`;
const quote = (file) => `'${file.replaceAll("'", "''")}'`;

export async function timeDuckDbJoin({ pos, statement }) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const started = performance.now();
  await connection.run(
    `CREATE TABLE pos AS SELECT * FROM read_csv(${quote(pos)}, ${CSV_OPTIONS}) WHERE "交易时间" NOT LIKE '合计%'`,
  );
  const posRead = performance.now();
  await connection.run(
    `CREATE TABLE statement AS SELECT * FROM read_csv(${quote(statement)}, ${CSV_OPTIONS}) WHERE "清算日期" NOT LIKE '合计%'`,
  );
  const statementRead = performance.now();
  const joined = await connection.runAndReadAll(
    `SELECT count(*) AS pairs FROM pos p JOIN statement s ON p."终端号" = s."终端号" AND p."参考号" = s."参考号"`,
  );
  const done = performance.now();
  const counts = await connection.runAndReadAll(
    "SELECT (SELECT count(*) FROM pos) AS pos, (SELECT count(*) FROM statement) AS statement",
  );
  const [row] = counts.getRowObjects();
  const result = {
    posReadMs: Math.round(posRead - started),
    statementReadMs: Math.round(statementRead - posRead),
    joinMs: Math.round(done - statementRead),
    totalMs: Math.round(done - started),
    posRows: Number(row.pos),
    statementRows: Number(row.statement),
    pairs: Number(joined.getRowObjects()[0].pairs),
  };
  connection.closeSync();
  instance.closeSync();
  return result;
}

if (process.send) {
  process.once("message", async (files) => {
    try {
      const cpuBefore = process.cpuUsage();
      const result = await timeDuckDbJoin(files);
      const cpu = process.cpuUsage(cpuBefore);
      process.send({
        ok: true,
        result: {
          ...result,
          // all of DuckDB's threads
          cpuMs: Math.round((cpu.user + cpu.system) / 1000),
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        },
      });
    } catch (error) {
      process.send({ ok: false, error: error?.message ?? String(error) });
    }
    process.disconnect();
  });
}
