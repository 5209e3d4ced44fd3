"use server";
import { refresh } from "next/cache";
// Server actions of the /admin page. Each reads its form, parses it with the shared schema and
// calls one use case, which checks the role (admin only), the merchant and the rules itself.
import { headers } from "next/headers";
import type { AdminActionResult, AdminFormState } from "@/lib/admin/action-result";
import { addTerminal } from "@/lib/admin/add-terminal";
import { changeUserAccess } from "@/lib/admin/change-user-access";
import { createStore } from "@/lib/admin/create-store";
import { createUser } from "@/lib/admin/create-user";
import { moveTerminal } from "@/lib/admin/move-terminal";
import { renameStore } from "@/lib/admin/rename-store";
import { setTerminalActive } from "@/lib/admin/set-terminal-active";
import { setUserActive } from "@/lib/admin/set-user-active";
import { unlockUser } from "@/lib/admin/unlock-user";
import { parseInput } from "@/lib/api/validation";
import { type Actor, getActor } from "@/lib/auth/actor";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import {
  addTerminalSchema,
  changeUserAccessSchema,
  createStoreSchema,
  createUserSchema,
  moveTerminalSchema,
  renameStoreSchema,
} from "@/lib/schemas/admin";

async function run(name: string, work: (actor: Actor) => Promise<unknown>): Promise<AdminActionResult> {
  const at = Date.now();
  const actor = await getActor(await headers());
  if (!actor) return { ok: false, at, code: "UNAUTHENTICATED", message: "Sign in to continue.", fields: {} };
  try {
    await work(actor);
    refresh();
    return { ok: true, at };
  } catch (error) {
    if (isAppError(error)) {
      return { ok: false, at, code: error.code, message: error.message, fields: error.fields ?? {} };
    }
    log.error("Unhandled error in admin action", { action: name, userId: actor.userId, error });
    return {
      ok: false,
      at,
      code: "INTERNAL",
      message: "Something went wrong on our side. Please try again.",
      fields: {},
    };
  }
}

/** A text field of the form, or undefined so the schema reports it as missing. */
function text(form: FormData, key: string): string | undefined {
  const value = form.get(key);
  return typeof value === "string" ? value : undefined;
}

/** Ids arrive from the client untyped; anything but a short string names nothing. */
function idOf(value: unknown, what: string): string {
  if (typeof value === "string" && value.length > 0 && value.length <= 64) return value;
  throw new AppError("NOT_FOUND", `${what} not found.`);
}

export async function createStoreAction(_state: AdminFormState, form: FormData): Promise<AdminActionResult> {
  return run("createStore", (actor) =>
    createStore({ actor, input: parseInput(createStoreSchema, { name: text(form, "name") }) }),
  );
}

export async function renameStoreAction(
  storeId: unknown,
  _state: AdminFormState,
  form: FormData,
): Promise<AdminActionResult> {
  return run("renameStore", (actor) =>
    renameStore({
      actor,
      storeId: idOf(storeId, "Store"),
      input: parseInput(renameStoreSchema, { name: text(form, "name") }),
    }),
  );
}

export async function addTerminalAction(
  storeId: unknown,
  _state: AdminFormState,
  form: FormData,
): Promise<AdminActionResult> {
  return run("addTerminal", (actor) =>
    addTerminal({
      actor,
      input: parseInput(addTerminalSchema, { storeId: idOf(storeId, "Store"), tid: text(form, "tid") }),
    }),
  );
}

export async function moveTerminalAction(
  terminalId: unknown,
  _state: AdminFormState,
  form: FormData,
): Promise<AdminActionResult> {
  return run("moveTerminal", (actor) =>
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
  _state: AdminFormState,
): Promise<AdminActionResult> {
  return run("setTerminalActive", (actor) =>
    setTerminalActive({ actor, terminalId: idOf(terminalId, "Terminal"), active: active === true }),
  );
}

export async function createUserAction(_state: AdminFormState, form: FormData): Promise<AdminActionResult> {
  return run("createUser", (actor) =>
    createUser({
      actor,
      input: parseInput(createUserSchema, {
        email: text(form, "email"),
        name: text(form, "name"),
        password: text(form, "password"),
        role: text(form, "role"),
        storeIds: form.getAll("storeIds").filter((value) => typeof value === "string"),
      }),
    }),
  );
}

export async function changeUserAccessAction(
  userId: unknown,
  _state: AdminFormState,
  form: FormData,
): Promise<AdminActionResult> {
  return run("changeUserAccess", (actor) =>
    changeUserAccess({
      actor,
      userId: idOf(userId, "User"),
      input: parseInput(changeUserAccessSchema, {
        role: text(form, "role"),
        storeIds: form.getAll("storeIds").filter((value) => typeof value === "string"),
      }),
    }),
  );
}

export async function setUserActiveAction(
  userId: unknown,
  active: unknown,
  _state: AdminFormState,
): Promise<AdminActionResult> {
  return run("setUserActive", (actor) =>
    setUserActive({ actor, userId: idOf(userId, "User"), active: active === true }),
  );
}

export async function unlockUserAction(userId: unknown, _state: AdminFormState): Promise<AdminActionResult> {
  return run("unlockUser", (actor) => unlockUser({ actor, userId: idOf(userId, "User") }));
}
