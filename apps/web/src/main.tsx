import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Layout } from "./components/Layout";
import { queryClient } from "./lib/trpc";
import { ApprovalsPage } from "./routes/ApprovalsPage";
import { ArchivePage } from "./routes/ArchivePage";
import { ClaimPage } from "./routes/ClaimPage";
import { IngestPage } from "./routes/IngestPage";
import { LoginPage } from "./routes/LoginPage";
import { NotFoundPage } from "./routes/NotFoundPage";
import { NotificationsPage } from "./routes/NotificationsPage";
import { QueuePage } from "./routes/QueuePage";
import { RatingScalePage } from "./routes/RatingScalePage";
import { SettingsPage } from "./routes/SettingsPage";
import { UsersPage } from "./routes/UsersPage";
import { WebhooksPage } from "./routes/WebhooksPage";
import "./styles.css";

const router = createBrowserRouter(
  [
    { path: "/login", element: <LoginPage /> },
    {
      element: <Layout />,
      children: [
        { index: true, element: <QueuePage /> },
        { path: "claims/:id", element: <ClaimPage /> },
        { path: "approvals", element: <ApprovalsPage /> },
        { path: "ingest", element: <IngestPage /> },
        { path: "notifications", element: <NotificationsPage /> },
        { path: "archive", element: <ArchivePage /> },
        { path: "admin/users", element: <UsersPage /> },
        { path: "admin/ratings", element: <RatingScalePage /> },
        { path: "admin/settings", element: <SettingsPage /> },
        { path: "admin/webhooks", element: <WebhooksPage /> },
        { path: "*", element: <NotFoundPage /> },
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
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
