import { describe, expect, test } from "vitest";
import {
  ContactMethod as DbContactMethod,
  IncidentKind as DbIncidentKind,
  Resolution as DbResolution,
  StepKey as DbStepKey,
  StepStatus as DbStepStatus,
} from "@/lib/generated/prisma/enums";
import * as codec from "@/lib/incidents/codec";
import { CONTACT_METHODS, INCIDENT_KINDS, RESOLUTIONS, STEP_KEYS, STEP_STATUSES } from "@/lib/incidents/rules";

// Each pair: the API's values (the zod enums), the database's values (Prisma's enum object),
// and the two directions of the codec.
const pairs = [
  ["incident kind", INCIDENT_KINDS, Object.values(DbIncidentKind), codec.kindToDb, codec.kindFromDb],
  ["step key", STEP_KEYS, Object.values(DbStepKey), codec.stepKeyToDb, codec.stepKeyFromDb],
  ["step status", STEP_STATUSES, Object.values(DbStepStatus), codec.stepStatusToDb, codec.stepStatusFromDb],
  [
    "contact method",
    CONTACT_METHODS,
    Object.values(DbContactMethod),
    codec.contactMethodToDb,
    codec.contactMethodFromDb,
  ],
  ["resolution", RESOLUTIONS, Object.values(DbResolution), codec.resolutionToDb, codec.resolutionFromDb],
] as const;

describe.each(pairs)("the %s codec", (_name, apiValues, dbValues, toDb, fromDb) => {
  const encode = toDb as (value: string) => string;
  const decode = fromDb as (value: string) => string;

  test("maps every API value to a distinct database value and back", () => {
    const encoded = apiValues.map((value) => encode(value));
    expect(new Set(encoded).size).toBe(apiValues.length);
    for (const value of apiValues) expect(decode(encode(value))).toBe(value);
  });

  test("maps every database value to an API value and back", () => {
    expect([...dbValues].sort()).toEqual(apiValues.map((value) => encode(value)).sort());
    for (const value of dbValues) {
      expect(apiValues).toContain(decode(value));
      expect(encode(decode(value))).toBe(value);
    }
  });

  test("the database value is the API value in capitals", () => {
    for (const value of apiValues) expect(encode(value)).toBe(value.toUpperCase());
  });
});
