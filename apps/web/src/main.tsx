import { QueryClientProvider } from "@tanstack/react-query";
import { type ComponentType, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Layout } from "./components/Layout";
import { RequireRole } from "./components/RequireRole";
import { AppIntl } from "./lib/i18n";
import { queryClient } from "./lib/trpc";
import { LoginPage } from "./routes/LoginPage";
import { NotFoundPage } from "./routes/NotFoundPage";
import { QueuePage } from "./routes/QueuePage";
import { RouteError } from "./routes/RouteError";
import "./styles.css";

/** A route whose page loads when first visited, so the first screen downloads only what it needs. */
const page =
  <M extends Record<string, ComponentType>>(load: () => Promise<M>, name: keyof M) =>
  async () => ({ Component: (await load())[name] });

const router = createBrowserRouter(
  [
    { path: "/login", element: <LoginPage /> },
    { path: "/set-password", lazy: page(() => import("./routes/SetPasswordPage"), "SetPasswordPage") },
    {
      element: <Layout />,
      children: [
        {
          // A page that fails keeps the header and navigation around its error.
          errorElement: <RouteError />,
          children: [
            { index: true, element: <QueuePage /> },
            { path: "claims/:id", lazy: page(() => import("./routes/ClaimPage"), "ClaimPage") },
            { path: "dashboard", lazy: page(() => import("./routes/DashboardPage"), "DashboardPage") },
            { path: "ingest", lazy: page(() => import("./routes/IngestPage"), "IngestPage") },
            {
              path: "notifications",
              lazy: page(() => import("./routes/NotificationsPage"), "NotificationsPage"),
            },
            { path: "archive", lazy: page(() => import("./routes/ArchivePage"), "ArchivePage") },
            { path: "tips", lazy: page(() => import("./routes/TipsPage"), "TipsPage") },
            { path: "monitoring", lazy: page(() => import("./routes/MonitoringPage"), "MonitoringPage") },
            { path: "account", lazy: page(() => import("./routes/AccountPage"), "AccountPage") },
            {
              element: <RequireRole atLeast="editor" />,
              children: [
                { path: "approvals", lazy: page(() => import("./routes/ApprovalsPage"), "ApprovalsPage") },
              ],
            },
            {
              path: "admin",
              element: <RequireRole atLeast="admin" />,
              children: [
                { path: "users", lazy: page(() => import("./routes/UsersPage"), "UsersPage") },
                { path: "ratings", lazy: page(() => import("./routes/RatingScalePage"), "RatingScalePage") },
                { path: "settings", lazy: page(() => import("./routes/SettingsPage"), "SettingsPage") },
                { path: "webhooks", lazy: page(() => import("./routes/WebhooksPage"), "WebhooksPage") },
                { path: "system", lazy: page(() => import("./routes/SystemPage"), "SystemPage") },
              ],
            },
            { path: "*", element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ],
  { basename: "/app" },
);

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AppIntl>
        <RouterProvider router={router} />
      </AppIntl>
    </QueryClientProvider>
  </StrictMode>,
);
