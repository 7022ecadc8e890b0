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
import { aliasedTable, and, desc, eq, inArray, isNull, ne, or, type SQLWrapper, sql } from "drizzle-orm";
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
/** Lexeme frequencies are database statistics: read them again after this long. */
const STATISTICS_TTL_MS = 10 * 60_000;

const frequencyCache = new WeakMap<object, { at: number; frequencies: Map<string, number> }>();

/**
 * How common each frequent lexeme of claim texts is (share of claims containing it), from the
 * statistics ANALYZE keeps for the full-text column (`pg_stats.most_common_elems`); a lexeme
 * not listed is rarer than every listed one. Empty until the table was analysed.
 */
export async function lexemeFrequencies(db: DbOrTx) {
  const cached = frequencyCache.get(db);
  if (cached && Date.now() - cached.at < STATISTICS_TTL_MS) return cached.frequencies;
  const result = (await db.execute(sql`
    select most_common_elems::text::text[] as words, most_common_elem_freqs as freqs
    from pg_stats where schemaname = current_schema() and tablename = 'claims' and attname = 'search'`)) as unknown as {
    rows: { words: string[] | null; freqs: number[] | null }[];
  };
  const [row] = result.rows;
  const frequencies = new Map((row?.words ?? []).map((word, i) => [word, row?.freqs?.[i] ?? 0]));
  frequencyCache.set(db, { at: Date.now(), frequencies });
  return frequencies;
}

/** A tsquery lexeme, quoted. */
const lexeme = (word: string) => `'${word.replace(/'/g, "''")}'`;

/**
 * Every pair of the items, as tsquery ANDs grouped by their first item ("a & (b | c)", "b & c"):
 * the index answers each by walking its first (rarer) item's short posting list.
 */
const pairsOf = (items: string[]) =>
  items.slice(0, -1).map((item, i) => `${item} & (${items.slice(i + 1).join(" | ")})`);

/**
 * Which rows may duplicate, contradict or relate to a text: those sharing two of its rarest
 * words (an AND per pair, which the GIN index answers by intersecting short posting lists; one
 * word when the text has a single content word, the English configuration having dropped
 * stopwords), or two words of the subject of a year or figure it states (with a year where it
 * states one): a contradiction shares its subject, however common ("the MEK was founded in …").
 * Each subject is its own arm of an SQL `OR`, so Postgres ORs one bitmap per arm: one tsquery
 * OR-ing everything made the index walk every posting list of every word in it, and a year
 * written as `19:* | 20:*` read every year in the table (a fifth of it at 1,000,000 claims);
 * the year is checked on the rows instead. Rarity comes from the column's statistics, longer
 * words first where none are kept. `columns` are the tsvector and the text of the rows searched.
 */
export function candidateCondition(
  columns: { search: SQLWrapper; text: SQLWrapper },
  text: string,
  lexemes: string[],
  frequencies: Map<string, number>,
  language = "en",
) {
  const rarerFirst = (a: string, b: string) =>
    (frequencies.get(a) ?? 0) - (frequencies.get(b) ?? 0) || b.length - a.length;
  const rarest = lexemes
    .filter((word) => /^[\p{L}\p{N}]{2,}$/u.test(word))
    .sort(rarerFirst)
    .slice(0, RARE_TERMS)
    .map(lexeme);
  const rare = rarest.length === 1 ? rarest : pairsOf(rarest);
  // Words (stemmed by to_tsquery), letters and digits only, so the query is always valid.
  const words = (list: string[]) => list.filter((word) => /^[\p{L}\p{N}]+$/u.test(word));
  const matches = (query: string) =>
    sql`${columns.search} @@ to_tsquery(text_search_config(${language}), ${query})`;
  const subjects = factSubjects(text)
    .slice(0, SUBJECTS)
    .map(({ kind, words: around }) => {
      const pairs = pairsOf(words(around).slice(0, 6).sort(rarerFirst)).map(matches);
      if (pairs.length === 0) return null;
      const any = sql`(${sql.join(pairs, sql` or `)})`;
      return kind === "year" ? sql`(${columns.text} ~ ${YEAR_SQL_PATTERN} and ${any})` : any;
    });
  // A conflict over a side or a place shares its country, or its event's noun, year and person.
  const slots = slotSubjects(slotted(text))
    .slice(0, SUBJECTS)
    .map(({ all, any }) => {
      const [must, either] = [words(all.map((w) => w.toLowerCase())), words(any)];
      return must.length === all.length && either.length
        ? matches(`${must.join(" & ")} & (${either.join(" | ")})`)
        : null;
    });
  const arms = [
    ...rare.map((pair) => sql`${columns.search} @@ ${pair}::tsquery`),
    ...subjects,
    ...slots,
  ].filter((arm) => arm !== null);
  return arms.length ? sql`(${sql.join(arms, sql` or `)})` : null;
}

/** Other articles' live claims that may duplicate, contradict or relate to one claim. */
async function candidatesFor(
  db: DbOrTx,
  claim: { id: string; text: string; articleId: string | null; language: string; lexemes: string },
) {
  const shares = candidateCondition(
    claims,
    claim.text,
    [...parseTsvector(claim.lexemes).tf.keys()],
    await lexemeFrequencies(db),
    claim.language,
  );
  if (!shares) return [];
  const found = await db.execute(sql`${sql.raw(PLAN_EACH_TIME)}
    select ${claims.id} as id, ${claims.text} as text from ${claims}
    where ${and(
      shares,
      // Claims are compared within their language (their words are stemmed in it).
      eq(claims.language, claim.language),
      ne(claims.id, claim.id),
      isNull(claims.archivedAt),
      claim.articleId ? or(isNull(claims.articleId), ne(claims.articleId, claim.articleId)) : undefined,
    )}
    limit ${CANDIDATES}`);
  return (found as unknown as { rows: { id: string; text: string }[] }).rows;
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
