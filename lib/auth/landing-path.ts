// Where a role lands after signing in and at "/": the queue it works. Pure.
import type { Role } from "@/lib/rbac/permissions";

export function landingPathFor(role: Role): string {
  switch (role) {
    case "FINANCE":
      return "/finance";
    case "CASHIER":
    case "SUPERVISOR":
    case "ADMIN":
      return "/incidents";
    default:
      return role satisfies never;
  }
}
