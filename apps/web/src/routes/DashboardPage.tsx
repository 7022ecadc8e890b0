import { claimStatuses, claimStatusLabels } from "@factdesk/schema";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactElement, type ReactNode, useId } from "react";
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
import { errorMessage, type RouterOutputs, trpc } from "../lib/trpc";

type TDashboard = RouterOutputs["dashboard"]["get"];

const statusColours = { unverified: "#6b7582", sourced: "#2f7d3f", disputed: "#b3401d" } as const;
/** The one line's colour (Okabe–Ito blue, colour-blind safe). */
const lineColour = "#0072B2";
const shortWeek = (week: string) =>
  new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${week}T00:00:00Z`),
  );

const periods = [4, 12, 26, 52];

/** Charts from SQL aggregates; each has its numbers in a table too, for screen readers and copying. */
export function DashboardPage() {
  // The period lives in the URL, so a link to the dashboard shows the same numbers.
  const [params, setParams] = useSearchParams();
  const weeks = periods.includes(Number(params.get("weeks"))) ? Number(params.get("weeks")) : 12;
  const data = useQuery({ ...trpc.dashboard.get.queryOptions({ weeks }), placeholderData: keepPreviousData });
  return (
    <section className="dashboard">
      <title>Dashboard · Factdesk</title>
      <div className="page-head">
        <h1>Dashboard</h1>
        <label>
          Period
          <select value={weeks} onChange={(e) => setParams({ weeks: e.target.value })}>
            {periods.map((n) => (
              <option key={n} value={n}>
                Last {n} weeks
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.isPending ? (
        <p className="page-status">Loading the numbers…</p>
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
  const weeks = (rows: { week: string }[]) => rows.map((row) => ({ ...row, label: shortWeek(row.week) }));
  return (
    <div className="charts">
      <Panel
        title="Backlog by status, end of each week"
        table={<DataTable rows={data.backlog} columns={["week", ...claimStatuses]} />}
      >
        <AreaChart data={weeks(data.backlog)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {claimStatuses.map((status) => (
            <Area
              key={status}
              dataKey={status}
              name={claimStatusLabels[status]}
              stackId="status"
              stroke={statusColours[status]}
              fill={statusColours[status]}
              fillOpacity={0.35}
            />
          ))}
        </AreaChart>
      </Panel>
      <Panel
        title="Median days from claim to published verdict, by week of publication"
        empty={data.timeToVerdict.length === 0}
        table={<DataTable rows={data.timeToVerdict} columns={["week", "medianDays", "published"]} />}
      >
        <LineChart data={weeks(data.timeToVerdict)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis />
          <Tooltip />
          <Line dataKey="medianDays" name="Median days" stroke={lineColour} strokeWidth={2} />
        </LineChart>
      </Panel>
      <Panel
        title="Reader tips per week, and the published checks readers asked for"
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
          <Bar dataKey="tipsReceived" name="Tips received" fill={lineColour} />
          <Bar dataKey="publishedFromTips" name="Published that readers asked for" fill="#1b7f3b" />
        </BarChart>
      </Panel>
      <Panel
        title="Repeat-claim alerts per week"
        empty={data.alerts.every((week) => week.fromArticles === 0 && week.fromTips === 0)}
        table={<DataTable rows={data.alerts} columns={["week", "fromArticles", "fromTips"]} />}
      >
        <BarChart data={weeks(data.alerts)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="fromArticles" name="In articles and feeds" stackId="alerts" fill={lineColour} />
          <Bar dataKey="fromTips" name="In readers' tips" stackId="alerts" fill="#b35900" />
        </BarChart>
      </Panel>
      <Panel
        title="Verdicts published per week, by rating"
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
        title="Open claims per fact-checker"
        empty={data.workload.length === 0}
        table={<DataTable rows={data.workload} columns={["name", ...claimStatuses]} />}
      >
        <BarChart data={data.workload} layout="vertical">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={140} />
          <Tooltip />
          <Legend />
          {claimStatuses.map((status) => (
            <Bar
              key={status}
              dataKey={status}
              name={claimStatusLabels[status]}
              stackId="s"
              fill={statusColours[status]}
            />
          ))}
        </BarChart>
      </Panel>
      <Panel
        title="Outlets with the most disputed claims"
        empty={data.disputedByOutlet.length === 0}
        table={<DataTable rows={data.disputedByOutlet} columns={["outlet", "disputed"]} />}
      >
        <BarChart data={data.disputedByOutlet} layout="vertical">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="outlet" width={160} />
          <Tooltip />
          <Bar dataKey="disputed" name="Disputed claims" fill={statusColours.disputed} />
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
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      {empty ? (
        <p className="muted">Nothing to show yet.</p>
      ) : (
        <>
          <div className="chart-canvas">
            <ResponsiveContainer width="100%" height={260}>
              {children as ReactElement}
            </ResponsiveContainer>
          </div>
          <details>
            <summary>The numbers</summary>
            {table}
          </details>
        </>
      )}
    </figure>
  );
}

const columnLabels: Record<string, string> = {
  week: "Week of",
  name: "Fact-checker",
  outlet: "Outlet",
  medianDays: "Median days",
  published: "Published",
  tipsReceived: "Tips received",
  publishedFromTips: "Published that readers asked for",
  percentFromTips: "% of published that readers asked for",
  medianDaysTipToVerdict: "Median days from tip to verdict",
  fromArticles: "Alerts in articles and feeds",
  fromTips: "Alerts in readers' tips",
  ...claimStatusLabels,
};

function DataTable({ rows, columns }: { rows: Record<string, unknown>[]; columns: string[] }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {columnLabels[column] ?? column}
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
