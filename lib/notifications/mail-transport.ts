// The SMTP transport notifications are mailed through (nodemailer, SMTP_URL), made once per
// process and per URL.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

let cached: { url: string; transport: Transporter } | null = null;

export function mailTransport(url: string): Transporter {
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = { url, transport: nodemailer.createTransport(url) };
  }
  return cached.transport;
}
