import { claimStatuses, type TMessageId } from "@factdesk/schema";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactElement, type ReactNode, useId } from "react";
import { useIntl } from "react-intl";
import { useSearchParams } from "react-router";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useErrorMessage, useT } from "../lib/i18n";
import { type RouterOutputs, trpc } from "../lib/trpc";

type TDashboard = RouterOutputs["dashboard"]["get"];

const statusColours = { unverified: "#6b7582", sourced: "#2f7d3f", disputed: "#b3401d" } as const;
/** The one line's colour (Okabe–Ito blue, colour-blind safe). */
const lineColour = "#0072B2";

const periods = [4, 12, 26, 52];

/** Charts from SQL aggregates; each has its numbers in a table too, for screen readers and copying. */
export function DashboardPage() {
  // The period lives in the URL, so a link to the dashboard shows the same numbers.
  const t = useT();
  const errorMessage = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const weeks = periods.includes(Number(params.get("weeks"))) ? Number(params.get("weeks")) : 12;
  const data = useQuery({ ...trpc.dashboard.get.queryOptions({ weeks }), placeholderData: keepPreviousData });
  return (
    <section className="dashboard">
      <title>{t("dashboard.pageTitle")}</title>
      <div className="page-head">
        <h1>{t("app.nav.dashboard")}</h1>
        <label>
          {t("dashboard.period")}
          <select value={weeks} onChange={(e) => setParams({ weeks: e.target.value })}>
            {periods.map((n) => (
              <option key={n} value={n}>
                {t("dashboard.lastWeeks", { n })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.isPending ? (
        <p className="page-status">{t("dashboard.loading")}</p>
      ) : data.isError ? (
        <p role="alert" className="error">
          {errorMessage(data.error)}
        </p>
      ) : (
        <Charts data={data.data} />
      )}
    </section>
  );
}

function Charts({ data }: { data: TDashboard }) {
  const t = useT();
  const intl = useIntl();
  const status = (key: (typeof claimStatuses)[number]) => t(`claimStatus.${key}` as TMessageId);
  const shortWeek = (week: string) =>
    intl.formatDate(new Date(`${week}T00:00:00Z`), { month: "short", day: "numeric", timeZone: "UTC" });
  const weeks = (rows: { week: string }[]) => rows.map((row) => ({ ...row, label: shortWeek(row.week) }));
  return (
    <div className="charts">
      <Panel
        title={t("dashboard.backlog")}
        table={<DataTable rows={data.backlog} columns={["week", ...claimStatuses]} />}
      >
        <AreaChart data={weeks(data.backlog)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {claimStatuses.map((key) => (
            <Area
              key={key}
              dataKey={key}
              name={status(key)}
              stackId="status"
              stroke={statusColours[key]}
              fill={statusColours[key]}
              fillOpacity={0.35}
            />
          ))}
        </AreaChart>
      </Panel>
      <Panel
        title={t("dashboard.timeToVerdict")}
        empty={data.timeToVerdict.length === 0}
        table={<DataTable rows={data.timeToVerdict} columns={["week", "medianDays", "published"]} />}
      >
        <LineChart data={weeks(data.timeToVerdict)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis />
          <Tooltip />
          <Line
            dataKey="medianDays"
            name={t("dashboard.col.medianDays")}
            stroke={lineColour}
            strokeWidth={2}
          />
        </LineChart>
      </Panel>
      <Panel
        title={t("dashboard.readerTips")}
        empty={data.readerTips.every((week) => week.tipsReceived === 0 && week.publishedFromTips === 0)}
        table={
          <DataTable
            rows={data.readerTips}
            columns={[
              "week",
              "tipsReceived",
              "publishedFromTips",
              "published",
              "percentFromTips",
              "medianDaysTipToVerdict",
            ]}
          />
        }
      >
        <BarChart data={weeks(data.readerTips)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="tipsReceived" name={t("dashboard.col.tipsReceived")} fill={lineColour} />
          <Bar dataKey="publishedFromTips" name={t("dashboard.col.publishedFromTips")} fill="#1b7f3b" />
        </BarChart>
      </Panel>
      <Panel
        title={t("dashboard.alerts")}
        empty={data.alerts.every((week) => week.fromArticles === 0 && week.fromTips === 0)}
        table={<DataTable rows={data.alerts} columns={["week", "fromArticles", "fromTips"]} />}
      >
        <BarChart data={weeks(data.alerts)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="fromArticles" name={t("dashboard.inArticles")} stackId="alerts" fill={lineColour} />
          <Bar dataKey="fromTips" name={t("dashboard.inTips")} stackId="alerts" fill="#b35900" />
        </BarChart>
      </Panel>
      <Panel
        title={t("dashboard.byRating")}
        empty={data.ratings.length === 0}
        table={
          <DataTable rows={data.publishedByRating} columns={["week", ...data.ratings.map((r) => r.label)]} />
        }
      >
        <BarChart data={weeks(data.publishedByRating)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {/* Each rating in its own colour, as on the badges and the public pages. */}
          {data.ratings.map((rating) => (
            <Bar key={rating.label} dataKey={rating.label} stackId="rating" fill={rating.colour} />
          ))}
        </BarChart>
      </Panel>
      <Panel
        title={t("dashboard.workload")}
        empty={data.workload.length === 0}
        table={<DataTable rows={data.workload} columns={["name", ...claimStatuses]} />}
      >
        <BarChart data={data.workload} layout="vertical">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={140} />
          <Tooltip />
          <Legend />
          {claimStatuses.map((key) => (
            <Bar key={key} dataKey={key} name={status(key)} stackId="s" fill={statusColours[key]} />
          ))}
        </BarChart>
      </Panel>
      <Panel
        title={t("dashboard.disputedByOutlet")}
        empty={data.disputedByOutlet.length === 0}
        table={<DataTable rows={data.disputedByOutlet} columns={["outlet", "disputed"]} />}
      >
        <BarChart data={data.disputedByOutlet} layout="vertical">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="outlet" width={160} />
          <Tooltip />
          <Bar dataKey="disputed" name={t("dashboard.disputedClaims")} fill={statusColours.disputed} />
        </BarChart>
      </Panel>
    </div>
  );
}

function Panel({
  title,
  children,
  table,
  empty = false,
}: {
  title: string;
  children: ReactNode;
  table: ReactNode;
  empty?: boolean;
}) {
  const id = useId();
  const t = useT();
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      {empty ? (
        <p className="muted">{t("dashboard.nothing")}</p>
      ) : (
        <>
          <div className="chart-canvas">
            <ResponsiveContainer width="100%" height={260}>
              {children as ReactElement}
            </ResponsiveContainer>
          </div>
          <details>
            <summary>{t("dashboard.numbers")}</summary>
            {table}
          </details>
        </>
      )}
    </figure>
  );
}

/** A column's heading: the catalog's, else the column's own name (a rating's label). */
function useColumnLabel() {
  const t = useT();
  const intl = useIntl();
  return (column: string) => {
    const id = (
      (claimStatuses as readonly string[]).includes(column)
        ? `claimStatus.${column}`
        : `dashboard.col.${column}`
    ) as TMessageId;
    return id in intl.messages ? t(id) : column;
  };
}

function DataTable({ rows, columns }: { rows: Record<string, unknown>[]; columns: string[] }) {
  const columnLabel = useColumnLabel();
  return (
    <table className="data-table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {columnLabel(column)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[columns[0] ?? ""])}>
            {columns.map((column) => (
              <td key={column}>{String(row[column] ?? "–")}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
