import { AmbiguousWriteError } from "../logto";

/**
 * Creates an object that Logto keeps unique by some identity (an API's indicator, a role's
 * name, a permission's name in its API). When the answer to the POST is lost, the object is
 * looked up by that identity and, only if it is not there, posted again: were the first POST
 * to land after all, Logto would refuse the second, so this never makes two.
 */
export async function createUnique<T>(post: () => Promise<T>, lookUp: () => Promise<T | undefined>): Promise<T> {
  try {
    return await post();
  } catch (error) {
    if (!(error instanceof AmbiguousWriteError)) throw error;
    return (await lookUp()) ?? post();
  }
}
