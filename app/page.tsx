// The front door: each role lands on its own queue — finance on the reconcile queue, everyone
// else on the incident list (their work queue). Signed out: the sign-in page.
import { redirect } from "next/navigation";
import { landingPathFor } from "@/lib/auth/landing-path";
import { pageActor } from "@/lib/auth/page-actor";

export default async function Home() {
  const actor = await pageActor();
  redirect(landingPathFor(actor.role));
}
