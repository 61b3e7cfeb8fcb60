// The `clean-deep` package with its defaults, as Logto applies it to connector input before storing
// it: drops null, undefined, empty strings, empty arrays and empty objects, recursively; false and 0 stay.

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

export const cleanDeep = <T>(value: T): T => {
  if (Array.isArray(value)) {
    return value.map((item) => cleanDeep(item)).filter((item) => !isEmpty(item)) as T;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, item]) => [key, cleanDeep(item)] as const)
        .filter(([, item]) => !isEmpty(item))
    ) as T;
  }
  return value;
};
