/** What the sign-in form shows after a failed attempt; null before the first. */
export type SignInState = { error: string; username: string } | null;
