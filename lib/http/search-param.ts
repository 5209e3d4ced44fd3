// A page's search parameter read as one of a fixed list of values: the first when it is given more
// than once, nothing when it is not one of them (a page then shows its unfiltered list).

export function searchParamIn<Value extends string>(
  values: readonly Value[],
  raw: string | string[] | undefined,
): Value | undefined {
  const first = Array.isArray(raw) ? raw[0] : raw;
  return values.find((value) => value === first);
}
