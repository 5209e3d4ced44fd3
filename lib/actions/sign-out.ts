"use server";
// Sign-out is a form posting to this action, so it works with or without JavaScript: the session
// ends on the server, its cookies expire, and the browser lands on the sign-in page.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { applySetCookies } from "@/lib/auth/apply-set-cookies";
import { signOut } from "@/lib/auth/sign-in";

export async function signOutAction(): Promise<void> {
  const { setCookie } = await signOut({ headers: await headers() });
  await applySetCookies(setCookie);
  redirect("/login");
}
