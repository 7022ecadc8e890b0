import {
  comparable,
  contradictionOf,
  factSubjects,
  parseTsvector,
  similarityOf,
  slotSubjects,
  slotted,
  type TComparable,
  YEAR_SQL_PATTERN,
} from "@factdesk/claims";
import { articles, claimLinks, claims, type Db, type DbOrTx, PLAN_EACH_TIME, verdicts } from "@factdesk/db";
import {
  assertTransition,
  DomainError,
  type TActor,
  type TClaimDecideLinksInput,
  type TClaimLinkKind,
} from "@factdesk/schema";
import {
  aliasedTable,
  and,
  desc,
  eq,
  inArray,
  isNull,
  ne,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import { recordEvents } from "./audit";

/** Share of content words (of the shorter claim) from which a pair is a duplicate / related. */
export const DUPLICATE_SIMILARITY = 0.8;
export const RELATED_SIMILARITY = 0.5;
/**
 * Index hits compared in code per claim: candidates share two rare words or a fact's subject,
 * so there are few; the cap bounds the work for a claim repeated thousands of times.
 */
const CANDIDATES = 100;
/** The claim's rarest words that propose candidates: discriminating, and cheap on the GIN index. */
const RARE_TERMS = 6;
/**
 * Subjects (of figures, places, sides) that propose candidates: a claim rarely states more,
 * and each is arms of the query, so a text of a hundred figures stays a query of bounded size.
 */
const SUBJECTS = 8;
/** Word statistics are the database's: read them again after this long. */
const STATISTICS_TTL_MS = 10 * 60_000;
/**
 * A pair of words expected in more claims than this proposes none: walking its posting lists
 * grows with the table, and the first hundred of its thousands of hits are a sample in table
 * order, not the claims most like this one.
 */
const MOST_HITS = 5_000;

/**
 * How many claims there are, and the share of them containing each frequent lexeme, from the
 * statistics ANALYZE keeps (`pg_class.reltuples`, `pg_stats.most_common_elems` of the full-text
 * column); a lexeme not listed is in fewer than `unlisted` (half the least listed share, as
 * PostgreSQL's own estimate takes it). Empty until the table was analysed.
 */
export interface TWordStatistics {
  rows: number;
  shares: Map<string, number>;
  unlisted: number;
}

const statisticsCache = new WeakMap<object, { at: number; statistics: TWordStatistics }>();

export async function wordStatistics(db: DbOrTx): Promise<TWordStatistics> {
  const cached = statisticsCache.get(db);
  if (cached && Date.now() - cached.at < STATISTICS_TTL_MS) return cached.statistics;
  const result = (await db.execute(sql`
    select (select reltuples from pg_class where oid = to_regclass('claims'))::float8 as rows,
      s.most_common_elems::text::text[] as words, s.most_common_elem_freqs as freqs
    from (select) one left join pg_stats s
      on s.schemaname = current_schema() and s.tablename = 'claims' and s.attname = 'search'`)) as unknown as {
    rows: { rows: number | null; words: string[] | null; freqs: number[] | null }[];
  };
  const [row] = result.rows;
  const words = row?.words ?? [];
  // The frequencies end with the least and greatest of them, and the share of empty values.
  const freqs = row?.freqs ?? [];
  const statistics = {
    rows: Math.max(0, row?.rows ?? 0),
    shares: new Map(words.map((word, i) => [word, freqs[i] ?? 0])),
    unlisted: (freqs[words.length] ?? 0) / 2,
  };
  statisticsCache.set(db, { at: Date.now(), statistics });
  return statistics;
}

/** A tsquery lexeme, quoted. */
const lexeme = (word: string) => `'${word.replace(/'/g, "''")}'`;

/** A tsquery and the share of rows expected to match it (its words taken as independent). */
interface TArm {
  query: string;
  expected: number;
}

/**
 * Every pair of the items, as tsquery ANDs grouped by their first item ("a & (b | c)", "b & c"):
 * the index answers each by walking its first (rarer) item's short posting list.
 */
const pairsOf = (items: string[], share: (item: string) => number, quote = (item: string) => item) =>
  items.slice(0, -1).map((item, i): TArm => {
    const rest = items.slice(i + 1);
    return {
      query: `${quote(item)} & (${rest.map(quote).join(" | ")})`,
      expected:
        share(item) *
        Math.min(
          1,
          rest.reduce((sum, other) => sum + share(other), 0),
        ),
    };
  });

/**
 * What rows that may duplicate, contradict or relate to a text share with it, as conditions
 * to ask one after the other, those expected in the fewest rows first: two of its rarest words
 * (one word when the text has a single content word, the English configuration having dropped
 * stopwords), two words of the subject of a year or figure it states (with a year where it
 * states one: a contradiction shares its subject, however common, as in "the MEK was founded
 * in …"), or the country, or the event's noun, year and person, of a side or place it names.
 * Each pair of words is an "a & (b | c …)" tsquery, which the GIN index answers by walking the
 * rarer word's posting list (one tsquery OR-ing everything walked every list of every word,
 * 45,000 row ids for one claim at 1,000,000 claims); a year is checked on the rows (`19:* |
 * 20:*` read every year in the table); a pair expected in more than MOST_HITS rows is left out.
 * Rarity comes from the column's statistics, longer words first where none are kept.
 * `columns` are the tsvector and the text of the rows searched.
 */
export function candidateConditions(
  columns: { search: SQLWrapper; text: SQLWrapper },
  text: string,
  lexemes: string[],
  { rows, shares, unlisted }: TWordStatistics,
  language = "en",
): SQL[] {
  const share = (word: string) => shares.get(word) ?? unlisted;
  const rarerFirst = (a: string, b: string) => share(a) - share(b) || b.length - a.length;
  const rarest = lexemes
    .filter((word) => /^[\p{L}\p{N}]{2,}$/u.test(word))
    .sort(rarerFirst)
    .slice(0, RARE_TERMS);
  const wordMatches = ({ query, expected }: TArm) => ({
    expected,
    condition: sql`${columns.search} @@ ${query}::tsquery`,
  });
  const rare = (
    rarest.length === 1
      ? [{ query: lexeme(rarest[0] as string), expected: 0 }]
      : pairsOf(rarest, share, lexeme)
  ).map(wordMatches);
  // A subject's words as the text's own lexemes: a word the configuration drops as a stopword
  // ("out") would leave "a & (b | c)" as "b | c", which matches a good part of the table.
  const own = new Set(lexemes);
  const subjects = factSubjects(text)
    .slice(0, SUBJECTS)
    .flatMap(({ kind, words: around }) =>
      pairsOf(
        around
          .filter((word) => own.has(word))
          .slice(0, 6)
          .sort(rarerFirst),
        share,
        lexeme,
      ).map((arm) => {
        const { expected, condition } = wordMatches(arm);
        return {
          expected,
          condition:
            kind === "year" ? sql`(${columns.text} ~ ${YEAR_SQL_PATTERN} and ${condition})` : condition,
        };
      }),
    );
  // Words (stemmed by to_tsquery), letters and digits only, so the query is always valid.
  const words = (list: string[]) => list.filter((word) => /^[\p{L}\p{N}]+$/u.test(word));
  const matches = (query: string) =>
    sql`${columns.search} @@ to_tsquery(text_search_config(${language}), ${query})`;
  const slots = slotSubjects(slotted(text))
    .slice(0, SUBJECTS)
    .flatMap(({ all, any }) => {
      const [must, either] = [words(all.map((w) => w.toLowerCase())), words(any)];
      if (must.length !== all.length || either.length === 0) return [];
      const anyShare = Math.min(
        1,
        either.reduce((sum, word) => sum + share(word), 0),
      );
      return [
        {
          expected: must.reduce((product, word) => product * share(word), anyShare),
          condition: matches(`${must.join(" & ")} & (${either.join(" | ")})`),
        },
      ];
    });
  return [...rare, ...subjects, ...slots]
    .filter((arm) => arm.expected * rows <= MOST_HITS)
    .sort((x, y) => x.expected - y.expected)
    .map((arm) => arm.condition);
}

/**
 * The first `limit` rows `branch` finds for each condition in turn, each row once. The
 * conditions are branches of one UNION ALL under the LIMIT, so once the first have found
 * enough the rest never run: a condition costs its whole posting lists however few rows are
 * kept, and a claim stated in thousands of articles filled the limit many times over.
 */
export async function firstMatching<TRow extends { id: string }>(
  db: DbOrTx,
  conditions: SQL[],
  branch: (condition: SQL) => SQL,
  limit: number,
) {
  if (conditions.length === 0) return [];
  // A row found by several conditions comes once from each: twice the limit leaves enough.
  const most = sql.raw(String(2 * limit));
  // Each branch is limited too: without, the planner costs a common pair's every hit and, at
  // 1,000,000 claims, started parallel workers for 5–7% of the queries (about 22 ms each).
  const branches = sql.join(
    conditions.map((condition) => sql`(${branch(condition)} limit ${most})`),
    sql` union all `,
  );
  const found = (await db.execute(
    sql`${sql.raw(PLAN_EACH_TIME)} select * from (${branches}) hits limit ${most}`,
  )) as unknown as { rows: TRow[] };
  const seen = new Set<string>();
  return found.rows.filter(({ id }) => !seen.has(id) && seen.add(id)).slice(0, limit);
}

/** Other articles' live claims that may duplicate, contradict or relate to one claim. */
async function candidatesFor(
  db: DbOrTx,
  claim: { id: string; text: string; articleId: string | null; language: string; lexemes: string },
) {
  const conditions = candidateConditions(
    claims,
    claim.text,
    [...parseTsvector(claim.lexemes).tf.keys()],
    await wordStatistics(db),
    claim.language,
  );
  return firstMatching<{ id: string; text: string }>(
    db,
    conditions,
    (shares) => sql`select ${claims.id} as id, ${claims.text} as text from ${claims}
      where ${and(
        shares,
        // Claims are compared within their language (their words are stemmed in it).
        eq(claims.language, claim.language),
        ne(claims.id, claim.id),
        isNull(claims.archivedAt),
        claim.articleId ? or(isNull(claims.articleId), ne(claims.articleId, claim.articleId)) : undefined,
      )}`,
    CANDIDATES,
  );
}

/** The strongest suggestions of each claim are kept: contradictions first, then by similarity. */
const LINKS_PER_CLAIM = 10;
const rank = (link: NonNullable<ReturnType<typeof linkBetween>>) =>
  (link.kind === "contradiction" ? 0 : 10) - link.score;

/** What a pair of claims is to each other, if anything: a contradiction (with why), a duplicate, related. */
export function linkBetween(a: TComparable, b: TComparable) {
  const score = similarityOf(a, b);
  const reason = contradictionOf(a, b);
  const kind = reason
    ? ("contradiction" as const)
    : score >= DUPLICATE_SIMILARITY
      ? ("duplicate" as const)
      : score >= RELATED_SIMILARITY
        ? ("related" as const)
        : null;
  return kind && { kind, score: Math.round(score * 1000) / 1000, reason };
}

/**
 * Suggests links from each claim to existing claims of other articles. Candidates are read
 * outside any transaction; the links found are then stored, with their audit events, in one
 * short transaction. Idempotent: a pair already linked is left as it is, so a retried job
 * suggests nothing twice.
 */
export async function suggestLinks(db: Db, claimIds: string[], actorId: string | null) {
  if (claimIds.length === 0) return [];
  const sources = await db
    .select({
      id: claims.id,
      text: claims.text,
      articleId: claims.articleId,
      language: claims.language,
      lexemes: sql<string>`${claims.search}::text`,
    })
    .from(claims)
    .where(and(inArray(claims.id, claimIds), isNull(claims.archivedAt)));
  const found = new Map<string, typeof claimLinks.$inferInsert>();
  for (const claim of sources) {
    const self = comparable(claim.text);
    const links = (await candidatesFor(db, claim))
      .flatMap((candidate) => {
        const link = linkBetween(self, comparable(candidate.text));
        return link ? [{ candidate, link }] : [];
      })
      .sort((x, y) => rank(x.link) - rank(y.link))
      .slice(0, LINKS_PER_CLAIM);
    for (const { candidate, link } of links) {
      const [claimAId, claimBId] = [claim.id, candidate.id].sort() as [string, string];
      found.set(`${claimAId}:${claimBId}`, { claimAId, claimBId, ...link });
    }
  }
  if (found.size === 0) return [];
  return db.transaction(async (tx) => {
    const suggested = await tx
      .insert(claimLinks)
      .values([...found.values()])
      .onConflictDoNothing()
      .returning();
    await recordEvents(
      tx,
      suggested.map((link) => ({
        actorId,
        entityType: "claim_link" as const,
        entityId: link.id,
        action: "link_suggested",
        to: link.kind,
        claimId: link.claimAId,
        data: { other: link.claimBId, reason: link.reason },
      })),
    );
    return suggested;
  });
}

/** A claim's links, each with the other claim and, when it has one, its published verdict. */
export async function listLinks(db: DbOrTx, claimId: string) {
  const links = await db
    .select()
    .from(claimLinks)
    .where(or(eq(claimLinks.claimAId, claimId), eq(claimLinks.claimBId, claimId)))
    .orderBy(desc(claimLinks.score));
  const otherIds = links.map((l) => (l.claimAId === claimId ? l.claimBId : l.claimAId));
  const others = otherIds.length
    ? await db
        .select({
          id: claims.id,
          text: claims.text,
          status: claims.status,
          article: articles.title,
          verdictState: verdicts.state,
          verdictSlug: verdicts.slug,
        })
        .from(claims)
        .leftJoin(articles, eq(articles.id, claims.articleId))
        .leftJoin(verdicts, eq(verdicts.claimId, claims.id))
        .where(inArray(claims.id, otherIds))
    : [];
  const order = { contradiction: 0, duplicate: 1, related: 2 } as const;
  return links
    .map((link) => {
      const other = others.find((o) => o.id === (link.claimAId === claimId ? link.claimBId : link.claimAId));
      return {
        id: link.id,
        version: link.version,
        kind: link.kind,
        state: link.state,
        score: link.score,
        reason: link.reason,
        other: other && {
          id: other.id,
          text: other.text,
          status: other.status,
          article: other.article,
          // "Already fact-checked": the other claim's verdict is public.
          publishedVerdictSlug: other.verdictState === "published" ? other.verdictSlug : null,
        },
      };
    })
    .sort((a, b) => order[a.kind] - order[b.kind] || b.score - a.score);
}

/**
 * Confirms or rejects links, one or many at once, all or none: each is judged by the
 * workflow (claimLinkTransitions) at the version the person saw.
 */
export async function decideLinks(db: DbOrTx, actor: TActor, input: TClaimDecideLinksInput) {
  return db.transaction(async (tx) => {
    const seen = new Map(input.links.map((link) => [link.id, link.version]));
    const rows = await tx
      .select()
      .from(claimLinks)
      .where(inArray(claimLinks.id, [...seen.keys()]))
      .orderBy(claimLinks.id)
      .for("update");
    if (rows.length !== seen.size) throw new DomainError("NOT_FOUND", "Some of those links do not exist.");
    for (const link of rows) {
      if (link.version !== seen.get(link.id))
        throw new DomainError(
          "CONFLICT",
          `Someone decided a link meanwhile (it is now ${link.state}); nothing was changed. Review it and try again.`,
          { current: link },
        );
      assertTransition(actor, { kind: "claim_link", state: link.state }, input.state);
    }
    const updated = await tx
      .update(claimLinks)
      .set({ state: input.state, decidedBy: actor.id, version: sql`${claimLinks.version} + 1` })
      .where(inArray(claimLinks.id, [...seen.keys()]))
      .returning();
    const before = new Map(rows.map((link) => [link.id, link.state]));
    await recordEvents(
      tx,
      updated.map((link) => ({
        actorId: actor.id,
        entityType: "claim_link" as const,
        entityId: link.id,
        action: `link_${input.state}`,
        from: before.get(link.id) ?? null,
        to: input.state,
        claimId: link.claimAId,
        data: { other: link.claimBId, kind: link.kind },
      })),
    );
    return { updated: updated.length };
  });
}

/** Every link between claims (optionally of one kind), strongest first, with both claims' texts. */
export async function listAllLinks(db: DbOrTx, { kind }: { kind?: TClaimLinkKind } = {}) {
  const a = aliasedTable(claims, "a");
  const b = aliasedTable(claims, "b");
  return db
    .select({
      kind: claimLinks.kind,
      state: claimLinks.state,
      a: { id: a.id, text: a.text },
      b: { id: b.id, text: b.text },
      score: claimLinks.score,
      reason: claimLinks.reason,
    })
    .from(claimLinks)
    .innerJoin(a, eq(a.id, claimLinks.claimAId))
    .innerJoin(b, eq(b.id, claimLinks.claimBId))
    .where(kind ? eq(claimLinks.kind, kind) : undefined)
    .orderBy(desc(claimLinks.score), claimLinks.id);
}
