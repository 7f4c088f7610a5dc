import type { ApiResult } from '../api';

/**
 * "Forget this device" once confirmed: ends the owner session on the server, then drops the service
 * worker's copies of the owner's workout pages, which were readable offline after it (sign-out
 * already dropped them). Answers the message to show, or null when done.
 */
export async function forgetThisDevice(steps: { endSession: () => Promise<ApiResult<unknown>>; forgetOfflinePages: () => Promise<void> }): Promise<string | null> {
  const result = await steps.endSession();
  if (!result.ok) return result.error.message;
  await steps.forgetOfflinePages();
  return null;
}
