// For pages and server actions: the signed-in actor from the request's cookies, or a redirect to
// /login. Authorization still happens in the domain functions each page and action calls.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type Actor, getActor } from "@/lib/auth/actor";

export async function pageActor(): Promise<Actor> {
  const actor = await getActor(await headers());
  if (!actor) redirect("/login");
  return actor;
}

export async function optionalPageActor(): Promise<Actor | null> {
  return getActor(await headers());
}
