"use server";
// Server actions of the /admin page. Each reads its form, parses it with the shared schema and
// calls one use case, which checks the role (admin only), the merchant and the rules itself.
import { addTerminal } from "@/lib/admin/add-terminal";
import { changeTerminalDetails } from "@/lib/admin/change-terminal-details";
import { changeUserAccess } from "@/lib/admin/change-user-access";
import { createStore } from "@/lib/admin/create-store";
import { createUser } from "@/lib/admin/create-user";
import { moveTerminal } from "@/lib/admin/move-terminal";
import { renameStore } from "@/lib/admin/rename-store";
import { setTerminalActive } from "@/lib/admin/set-terminal-active";
import { setUserActive } from "@/lib/admin/set-user-active";
import { setSoftwareThreshold } from "@/lib/admin/terminal-software-threshold";
import { unlockUser } from "@/lib/admin/unlock-user";
import type { ActionResult, ActionState } from "@/lib/api/action-result";
import { idOf, runServerAction } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import { AppError } from "@/lib/errors/app-error";
import {
  addTerminalSchema,
  changeUserAccessSchema,
  createStoreSchema,
  createUserSchema,
  moveTerminalSchema,
  renameStoreSchema,
  terminalDetailsSchema,
  terminalSoftwarePolicySchema,
} from "@/lib/schemas/admin";

/** A text field of the form, or undefined so the schema reports it as missing. */
function text(form: FormData, key: string): string | undefined {
  const value = form.get(key);
  return typeof value === "string" ? value : undefined;
}

/**
 * Taking a terminal or a person out of service is confirmed in a dialog, whose button sends
 * `confirm=yes`; a form sent without it (no JavaScript yet) is answered with the question.
 */
function requireConfirmation(form: FormData | undefined) {
  if (form?.get("confirm") === "yes") return;
  throw new AppError(
    "BAD_REQUEST",
    { reason: "INVALID_INPUT", params: { field: "confirm", others: 0 } },
    { confirm: { reason: "REQUIRED" } },
  );
}

/** Every text value a field sent (a group of checkboxes). */
function texts(form: FormData, key: string): string[] {
  return form.getAll(key).filter((value) => typeof value === "string");
}

export async function createStoreAction(_state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("createStore", (actor) =>
    createStore({ actor, input: parseInput(createStoreSchema, { name: text(form, "name") }) }),
  );
}

export async function renameStoreAction(storeId: unknown, _state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("renameStore", (actor) =>
    renameStore({
      actor,
      storeId: idOf(storeId, "Store"),
      input: parseInput(renameStoreSchema, { name: text(form, "name") }),
    }),
  );
}

export async function addTerminalAction(storeId: unknown, _state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("addTerminal", (actor) =>
    addTerminal({
      actor,
      input: parseInput(addTerminalSchema, { storeId: idOf(storeId, "Store"), tid: text(form, "tid") }),
    }),
  );
}

export async function moveTerminalAction(
  terminalId: unknown,
  _state: ActionState,
  form: FormData,
): Promise<ActionResult> {
  return runServerAction("moveTerminal", (actor) =>
    moveTerminal({
      actor,
      terminalId: idOf(terminalId, "Terminal"),
      input: parseInput(moveTerminalSchema, { storeId: text(form, "storeId") }),
    }),
  );
}

export async function setTerminalActiveAction(
  terminalId: unknown,
  active: unknown,
  _state: ActionState,
  form?: FormData,
): Promise<ActionResult> {
  return runServerAction("setTerminalActive", async (actor) => {
    if (active !== true) requireConfirmation(form);
    await setTerminalActive({ actor, terminalId: idOf(terminalId, "Terminal"), active: active === true });
  });
}

/** Issue 9: the form sends every field; an empty one clears it. */
export async function changeTerminalDetailsAction(
  terminalId: unknown,
  _state: ActionState,
  form: FormData,
): Promise<ActionResult> {
  return runServerAction("changeTerminalDetails", (actor) =>
    changeTerminalDetails({
      actor,
      terminalId: idOf(terminalId, "Terminal"),
      input: parseInput(terminalDetailsSchema, {
        model: text(form, "model"),
        softwareVersion: text(form, "softwareVersion"),
        softwareUpdatedAt: text(form, "softwareUpdatedAt"),
        supportContact: text(form, "supportContact"),
      }),
    }),
  );
}

export async function setSoftwareThresholdAction(_state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("setSoftwareThreshold", (actor) =>
    setSoftwareThreshold({
      actor,
      input: parseInput(terminalSoftwarePolicySchema, { maxAgeDays: text(form, "maxAgeDays") }),
    }),
  );
}

export async function createUserAction(_state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("createUser", (actor) =>
    createUser({
      actor,
      input: parseInput(createUserSchema, {
        email: text(form, "email"),
        name: text(form, "name"),
        password: text(form, "password"),
        role: text(form, "role"),
        storeIds: texts(form, "storeIds"),
      }),
    }),
  );
}

export async function changeUserAccessAction(
  userId: unknown,
  _state: ActionState,
  form: FormData,
): Promise<ActionResult> {
  return runServerAction("changeUserAccess", (actor) =>
    changeUserAccess({
      actor,
      userId: idOf(userId, "User"),
      input: parseInput(changeUserAccessSchema, {
        role: text(form, "role"),
        storeIds: texts(form, "storeIds"),
      }),
    }),
  );
}

export async function setUserActiveAction(
  userId: unknown,
  active: unknown,
  _state: ActionState,
  form?: FormData,
): Promise<ActionResult> {
  return runServerAction("setUserActive", async (actor) => {
    if (active !== true) requireConfirmation(form);
    await setUserActive({ actor, userId: idOf(userId, "User"), active: active === true });
  });
}

export async function unlockUserAction(userId: unknown, _state: ActionState): Promise<ActionResult> {
  return runServerAction("unlockUser", (actor) => unlockUser({ actor, userId: idOf(userId, "User") }));
}
