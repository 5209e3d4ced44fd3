// What a session row records about the client: the User-Agent with any card number masked and
// its length capped (the header is whatever the client sends), and the address capped. Pure.
import { maskPans } from "@/lib/card-data/mask-pan";

export const USER_AGENT_MAX_LENGTH = 512;
export const IP_ADDRESS_MAX_LENGTH = 64;

export function sessionUserAgent(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  // Mask the whole header before cutting it (a cut could leave a run no longer recognised as a
  // card number), and again after, in case the cut itself formed one.
  return maskPans(maskPans(userAgent).slice(0, USER_AGENT_MAX_LENGTH)) || null;
}

export function sessionIpAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  return address.slice(0, IP_ADDRESS_MAX_LENGTH);
}
