// For pages and server actions: the signed-in actor from the request's cookies, or a redirect to
// /login. Authorization still happens in the domain functions each page and action calls.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { type Actor, getActor } from "@/lib/auth/actor";

/**
 * One session look-up per rendered request: the layout (header) and the page both ask, and each
 * asked the database (React's cache lasts one server render; outside one it calls through).
 */
const requestActor = cache(async (): Promise<Actor | null> => getActor(await headers()));

export async function pageActor(): Promise<Actor> {
  const actor = await requestActor();
  if (!actor) redirect("/login");
  return actor;
}

export async function optionalPageActor(): Promise<Actor | null> {
  return requestActor();
}
