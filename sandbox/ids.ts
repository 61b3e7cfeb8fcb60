// Id and secret generators with Logto's alphabet and sizes (`@logto/shared` utils/id.ts).
import { randomInt } from 'node:crypto';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

const randomString = (size: number) =>
  Array.from({ length: size }, () => alphabet[randomInt(alphabet.length)]).join('');

export const generateStandardId = () => randomString(21);
export const generateStandardShortId = () => randomString(12);
export const generateStandardSecret = () => randomString(32);
