import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { DEMO_PASSWORD, useRunningApp } from "./server";

const running = useRunningApp();
const codeFor = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();

describe("two-factor sign-in", () => {
  it("is set up on the account page with an authenticator app, then asked for at sign-in", async () => {
    const checker = await running.signedIn("checker@factdesk.test");
    await checker.getByRole("link", { name: /Your account/ }).click();
    await checker.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const secret = (await checker.locator("code.totp-secret").textContent()) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const confirm = checker.getByRole("form", { name: "Confirm two-factor sign-in" });
    await confirm.getByLabel("The six-digit code the app shows").fill(codeFor(secret));
    await confirm.getByRole("button", { name: "Turn on" }).click();
    await checker.getByText(/Keep these recovery codes somewhere safe/).waitFor();
    expect(await checker.locator(".recovery-codes li").count()).toBe(10);
    await checker.getByText("On, with 10 recovery codes left.").waitFor();
    expect(await accessibilityProblems(checker)).toEqual([]);

    // Signing in again: the password first, then the code.
    await checker.getByRole("button", { name: "Log out" }).click();
    await checker.getByLabel("Email").fill("checker@factdesk.test");
    await checker.getByLabel("Password").fill(DEMO_PASSWORD);
    await checker.getByRole("button", { name: "Log in" }).click();
    await checker.getByText("Enter the code from your authenticator app, or a recovery code.").waitFor();
    await checker.getByLabel(/Code from your authenticator app/).fill(codeFor(secret));
    await checker.getByRole("button", { name: "Log in" }).click();
    await checker.getByRole("heading", { name: "Review queue" }).waitFor();
    // No SMTP server on this desk: no "forgot your password" link that could not work.
    await checker.getByRole("button", { name: "Log out" }).click();
    await checker.getByRole("heading", { name: "Log in" }).waitFor();
    expect(await checker.getByRole("button", { name: "Forgot your password?" }).count()).toBe(0);
  });
});
