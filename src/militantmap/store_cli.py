"""The store's commands: ingest, the queries (groups, group, ties, timeline, events, evidence),
merge/split. Each query prints a readable table, or the query function's JSON with --json."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from militantmap import schema
from militantmap.errors import InputError, is_not_in_store


def _existing_store(_ctx, _param, value: str | None) -> str | None:
    """Issue 10: a --db naming no store is an error (only `ingest` creates one)."""
    from militantmap.store.db import missing_store

    path = missing_store(value)
    if path is not None:
        raise click.BadParameter(f"{path}: no store here (check the path, or MILITANTMAP_DB); "
                                 "`militantmap ingest PATH --db ...` creates a store")
    return value


DB_HELP = ("Store URL: sqlite:///file.db (default ./militantmap.db) or "
           "postgresql://user:pass@host/db.")
# Every command but ingest reads or changes an existing store.
DB_OPTION = click.option("--db", "db_url", default=None, envvar="MILITANTMAP_DB", help=DB_HELP,
                         callback=_existing_store)
DB_CREATE_OPTION = click.option("--db", "db_url", default=None, envvar="MILITANTMAP_DB",
                                help=DB_HELP + " Created when it does not exist.")
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")


def _date(_ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date as YYYY-MM-DD", param=param) from None


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _lookup(fn, *args, **kwargs):
    """A query whose name or id is unknown: a message with what to try (the nearest names the
    store has, and the command that lists them), exit code 2."""
    try:
        return fn(*args, **kwargs)
    except LookupError as err:
        if not is_not_in_store(err):  # a KeyError is a bug, not an unknown name
            raise
        message = str(err.args[0] if err.args else err)
        if fn.__name__ in ("tie", "evidence_of", "evidence"):
            hint = ("tie ids (A~type~B) come from `militantmap ties NAME`; evidence ids from "
                    "`militantmap group NAME`, `ties` and `events`; `article:N` shows article N")
        else:
            from militantmap.store.suggest import did_you_mean
            from militantmap.store.suggest import hint as mean

            # The names asked for: --group, or the NAME arguments (merge: ABSORBED and INTO).
            names = [kwargs["group"]] if kwargs.get("group") else \
                [a for a in args[1:3] if isinstance(a, str)]
            close: list[str] = []
            for name in names:
                close += [c for c in did_you_mean(args[0], "group", name) if c not in close]
            hint = " ".join(x for x in (mean(close[:3]),
                                         "`militantmap groups` lists the groups; any alias works") if x)
        raise InputError("not found", message, hint) from None


def _place_hints(db_url: str | None, country: str | None, place: str | None) -> str:
    """' Did you mean ...?' for a country or place no event has (empty otherwise)."""
    from militantmap.store.suggest import did_you_mean, hint

    said = [f"{what}: {hint(did_you_mean(db_url, what, value))}"
            for what, value in (("country", country), ("place", place))
            if value and did_you_mean(db_url, what, value)]
    return (" " + "; ".join(said)) if said else ""


# -- ingest -----------------------------------------------------------------------------------

@click.command("ingest")
@click.argument("paths", nargs=-1)
@DB_CREATE_OPTION
@click.option("--urls", "urls_file", type=click.Path(path_type=Path, dir_okay=False),
              help="A file with one URL per line to fetch and ingest.")
@click.option("--feed", "feeds", multiple=True, help="An RSS/Atom feed URL: ingest the articles it links to.")
@click.option("--allow-private", is_flag=True, help="Allow fetching from private and loopback addresses.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extract in this many processes (one pipeline each; this one writes, in input order).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where extraction runs: this machine (local, with --workers), or a Ray cluster "
                   "(ray: needs `pip install 'militantmap[ray]'`); this process writes either way.")
@click.option("--ray-address", envvar="RAY_ADDRESS", default=None,
              help="The Ray cluster for --engine ray, e.g. ray://head:10001 (default: RAY_ADDRESS, "
                   "else a local Ray started for this run).")
@click.option("--ray-concurrency", type=click.IntRange(1, 10_000), default=None,
              help="Pipelines (Ray actors) at once for --engine ray [default: one per CPU of the cluster].")
@click.option("--reprocess", is_flag=True,
              help="Re-extract stored articles whose extractor version is older (all of them "
                   "when no PATH is given).")
@JSON_OPTION
def ingest_cmd(paths: tuple[str, ...], db_url: str | None, urls_file: Path | None, feeds: tuple[str, ...],
               allow_private: bool, workers: int, engine: str, ray_address: str | None,
               ray_concurrency: int | None, reprocess: bool, as_json: bool) -> None:
    """Add articles to the store: files and folders of .txt, .html, .json, .jsonl, .parquet
    (needs pyarrow) and .warc(.gz), or - for JSONL on stdin. Running it again on the same input changes nothing.

    An article whose text is longer than MILITANTMAP_MAX_CHARS characters (default 100,000)
    is read up to that length, at a paragraph or sentence end, with a warning naming it."""
    from militantmap.sources.walk import iter_articles
    from militantmap.sources.web import fetch_urls, read_feed
    from militantmap.store import ingest_articles, reprocess_stored

    if not (paths or urls_file or feeds or reprocess):
        raise click.UsageError("give files or folders to ingest, --urls FILE, --feed URL or --reprocess")
    if engine == "ray" and workers > 1:
        raise click.UsageError("--workers is for --engine local; with --engine ray, --ray-concurrency "
                               "sets how many pipelines run")
    if engine == "ray" and reprocess and not (paths or urls_file or feeds):
        raise click.UsageError("--reprocess of the stored articles runs with --engine local")

    def items():
        yield from iter_articles(paths)
        if urls_file is not None:
            try:
                lines = urls_file.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as err:
                yield InputError(str(urls_file), f"cannot be read ({err})")
            else:
                yield from fetch_urls(lines, allow_private)
        for feed in feeds:
            yield from read_feed(feed, allow_private)

    with _Progress(quiet=as_json) as progress:
        if reprocess and not (paths or urls_file or feeds):
            summary = reprocess_stored(db_url, progress=progress)
        else:
            summary = ingest_articles(db_url, items(), reprocess=reprocess, progress=progress,
                                      workers=workers, engine=engine, ray_address=ray_address,
                                      ray_concurrency=ray_concurrency)
    if as_json:
        _print_json(summary.as_dict())
    else:
        for line in summary.lines():
            click.echo(line, err=line.startswith(("  skipped", "  warning")))
    if summary.skipped and not (summary.new or summary.known or summary.reprocessed):
        sys.exit(2)  # nothing usable at all: say so to scripts too


class _Progress:
    """A live progress line on a terminal (rich); a line every 25 articles otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.rich = None
        self.last = 0

    def __enter__(self):
        if not self.quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.rich = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True)
            self.rich.start()
            self.task = self.rich.add_task("ingesting", total=None)
        return self

    def __call__(self, summary, source: str) -> None:
        if self.quiet:
            return
        done = summary.seen
        text = (f"{done} articles: {summary.new} new, {summary.known} known, "
                f"{len(summary.skipped)} skipped - {source[-60:]}")
        if self.rich is not None:
            self.rich.update(self.task, description=text)
        elif done - self.last >= 25:
            self.last = done
            click.echo(text, err=True)

    def __exit__(self, *exc) -> None:
        if self.rich is not None:
            self.rich.stop()


# -- queries ----------------------------------------------------------------------------------

def _ref_names(refs: list[dict]) -> str:
    return ", ".join(r["name"] for r in refs)


@click.command("groups")
@DB_OPTION
@JSON_OPTION
def groups_cmd(db_url: str | None, as_json: bool) -> None:
    """Every armed group in the store: aliases, articles, first and last seen."""
    from militantmap.store.queries import list_groups

    groups = list_groups(db_url)
    if as_json:
        return _print_json(groups)
    if not groups:
        click.echo("The store has no groups yet: `militantmap ingest PATH` adds articles.")
        return
    click.echo(f"{'group':44} {'aliases':>7} {'articles':>8} {'ties':>5} {'events':>6}  first seen  last seen")
    for g in groups:
        click.echo(f"{g['name'][:44]:44} {len(g['aliases']):>7} {g['articles']:>8} {g['ties']:>5} "
                   f"{g['events']:>6}  {g['first_seen'] or '-':10}  {g['last_seen'] or '-'}")


@click.command("group")
@click.argument("name")
@DB_OPTION
@JSON_OPTION
def group_cmd(name: str, db_url: str | None, as_json: bool) -> None:
    """One group by any of its names: aliases, parent and factions, people, ties, events."""
    from militantmap.store.queries import get_group

    g = _lookup(get_group, db_url, name)
    if as_json:
        return _print_json(g)
    click.echo(f"{g['name']}  [{g['id']}]")
    if g["aliases"]:
        click.echo(f"  also called: {', '.join(g['aliases'])}")
    if g["parents"]:
        click.echo(f"  part of: {_ref_names(g['parents'])}")
    if g["factions"]:
        click.echo(f"  factions and branches: {_ref_names(g['factions'])}")
    click.echo(f"  {g['articles']} articles, first seen {g['first_seen'] or '-'}, last seen {g['last_seen'] or '-'}")
    if g["people"]:
        click.echo("  people:")
        for p in g["people"]:
            click.echo(f"    {p['role'].replace('_', ' '):14} {p['name']}  (evidence {p['evidence_id']})")
    if g["ties"]:
        click.echo("  ties:")
        for t in g["ties"]:
            click.echo("    " + _tie_line(t))
    if g["events"]:
        click.echo("  recent events:")
        for e in g["events"][:10]:
            click.echo("    " + _event_line(e))


def _shown(rows: list[dict], since: dt.date | None, until: dt.date | None,
           include_undated: bool, what: str) -> list[dict]:
    """Rows fetched with undated ones included, as the date filter shows them. Issue 10: a date
    filter never drops undated facts silently: say how many it left out (on stderr, so --json
    output stays one document) and how to include them."""
    from militantmap.store.queries import split_undated

    shown, n = split_undated(rows, since is not None or until is not None, include_undated)
    if n:
        click.echo(f"militantmap: {n} undated {what}(s) left out by the date filter; "
                   "add --include-undated to list them", err=True)
    return shown


def _tie_line(t: dict) -> str:
    seen = f"{t['first_seen']}..{t['last_seen']}" if t["first_seen"] else "undated"
    text = schema.tie_text(t["subject"]["name"], t["type"], t["object"]["name"], t["polarity"])
    return (f"{text}: "
            f"confidence {t['confidence']:.2f}, {t['articles']} article(s), "
            f"{t['independent_sources']} independent, {seen}  [{t['id']}]")


def _event_line(e: dict) -> str:
    place = ", ".join(x for x in (e["location"], e["country"]) if x) or "place unknown"
    killed = ""
    if e["killed"] is not None:
        killed = f", {e['killed']} killed" + (f" ({e['killed_min']}-{e['killed_max']} by source)"
                                              if e["killed_min"] != e["killed_max"] else "")
    who = _ref_names(e["perpetrators"]) or _ref_names(e["claimed_by"]) or (
        "concerns " + _ref_names(e["concerns"]) if e.get("concerns") else "")
    return (f"{e['date'] or 'undated':10} {e['type'].replace('_', ' '):18} {place}{killed}"
            f"{' - ' + who if who else ''} ({e['sources']} source(s), evidence {e['evidence_id']})")


@click.command("ties")
@click.argument("name", required=False)
@click.option("--type", "types", multiple=True, type=click.Choice(list(schema.RELATION_TYPES)),
              help="Only ties of this type (repeat for several).")
@click.option("--modality", type=click.Choice(list(schema.MODALITIES)),
              help="Only ties most of whose sentences have this modality.")
@click.option("--polarity", type=click.Choice(["positive", "negated"]),
              help="Only ties the sources assert (positive) or deny (negated).")
@click.option("--since", callback=_date, help="Only ties seen on or after YYYY-MM-DD.")
@click.option("--until", callback=_date, help="Only ties seen on or before YYYY-MM-DD.")
@click.option("--include-undated", is_flag=True, help="Keep undated ties in a date filter.")
@click.option("--min-confidence", default=0.0, type=click.FloatRange(0, 1))
@DB_OPTION
@JSON_OPTION
def ties_cmd(name: str | None, types: tuple[str, ...], modality: str | None, polarity: str | None,
             since: dt.date | None,
             until: dt.date | None, include_undated: bool, min_confidence: float,
             db_url: str | None, as_json: bool) -> None:
    """The ties of one group (or, without NAME, of the whole store), strongest first. The same
    filters as /api/ties and the ties page."""
    from militantmap.store.queries import all_ties, ties
    from militantmap.store.select import pick_ties

    if name:
        found = _lookup(ties, db_url, name, type=types[0] if len(types) == 1 else None, since=since,
                        until=until, min_confidence=min_confidence, include_undated=True)
    else:
        found = all_ties(db_url, min_confidence=min_confidence, types=types or None, since=since,
                         until=until, include_undated=True)
    found = _shown(pick_ties(found, types or None, modality, polarity=polarity), since, until,
                   include_undated, "tie")
    if as_json:
        return _print_json(found)
    if not found:
        click.echo(f"No ties of {name} match." if name else "No ties match.")
    for t in found:
        click.echo(_tie_line(t))


@click.command("timeline")
@click.argument("name")
@DB_OPTION
@JSON_OPTION
def timeline_cmd(name: str, db_url: str | None, as_json: bool) -> None:
    """A group's history: events and ties by date."""
    from militantmap.store.queries import timeline

    items = _lookup(timeline, db_url, name)
    if as_json:
        return _print_json(items)
    for i in items:
        ref = f"  (evidence {i['evidence_id']})" if i.get("evidence_id") else ""
        click.echo(f"{i['date'] or 'undated':10}  {i['kind']:5}  {i['text']}{ref}")


EVENTS_SHOWN = 50  # the events the text listing shows unless --limit says otherwise (as the events page)


@click.command("events")
@click.option("--group", default=None, help="Only events of this group (any alias).")
@click.option("--country", default=None)
@click.option("--type", "type_", type=click.Choice(list(schema.EVENT_TYPES)), help="Only events of this type.")
@click.option("--place", default=None, help="Only events at this place (as the events list it).")
@click.option("--since", callback=_date, help="YYYY-MM-DD")
@click.option("--until", callback=_date, help="YYYY-MM-DD")
@click.option("--include-undated", is_flag=True, help="Keep undated events in a date filter.")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help=f"List the newest N events (0: all). Default: {EVENTS_SHOWN} in the text listing, "
                   "all with --json (as /api/events without limit).")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Skip the newest N events (the next page: --offset 50).")
@DB_OPTION
@JSON_OPTION
def events_cmd(group: str | None, country: str | None, type_: str | None, place: str | None,
               since: dt.date | None, until: dt.date | None, include_undated: bool,
               limit: int | None, offset: int, db_url: str | None, as_json: bool) -> None:
    """Events merged across articles, newest first. The same filters, order and counts as
    /api/events and the events page. The text listing shows the newest 50 (as the events
    page) and says how many match in all (a big group has thousands: only those shown are built)."""
    from militantmap.store.queries import events_page

    if limit is None:
        limit = 0 if as_json else EVENTS_SHOWN
    found, total, left_out = _lookup(events_page, db_url, group=group, country=country, since=since,
                                     until=until, include_undated=include_undated, type=type_,
                                     place=(place or "").strip() or None,
                                     limit=limit or None, offset=offset)
    if left_out:
        click.echo(f"militantmap: {left_out} undated event(s) left out by the date filter; "
                   "add --include-undated to list them", err=True)
    if len(found) < total:
        nxt = f", --offset {offset + len(found)} the next" if found and offset + len(found) < total else ""
        click.echo(f"militantmap: events {offset + 1 if found else 0}-{offset + len(found)} of {total} "
                   f"shown, newest first; --limit 0 lists all{nxt}", err=True)
    if as_json:
        return _print_json(found)
    if not found:
        click.echo("No events match." + _place_hints(db_url, country, place))
    for e in found:
        click.echo(_event_line(e))


@click.command("evidence")
@click.argument("evidence_id")
@DB_OPTION
@JSON_OPTION
def evidence_cmd(evidence_id: str, db_url: str | None, as_json: bool) -> None:
    """The sentence, article and attribution behind a fact (ids are printed by the other
    commands), or every sentence behind a tie when given a tie id."""
    from militantmap.store.queries import evidence, tie

    if "~" in evidence_id:
        t = _lookup(tie, db_url, evidence_id)
        if as_json:
            return _print_json(t)
        click.echo(_tie_line(t))
        for item in t["evidence"]:
            _print_evidence(item["sentence"], item["article"], item["attribution"],
                            item["polarity"], item["modality"])
        return
    item = _lookup(evidence, db_url, evidence_id)
    if as_json:
        return _print_json(item)
    shown = (item["modality"], item["attribution"])
    for fact in item["facts"]:
        # A fact hedged or attributed otherwise than the sentence's first says so on its line.
        own = (fact.get("modality"), fact.get("attribution"))
        differs = fact.get("modality") is not None and own != shown
        click.echo(f"{fact['kind']}: {fact['text']}{' (' + _hedging_text(*own) + ')' if differs else ''}")
    _print_evidence(item["sentence"], item["article"], item["attribution"], item["polarity"], item["modality"])
    if item["facts"] and item["modality"] is None:
        click.echo("    attribution and hedging: not recorded (stored before militantmap 0.4.0; "
                   "`militantmap ingest --reprocess` records them)")


def _print_evidence(sentence: str, art: dict, attribution: dict | None, polarity, modality) -> None:
    from militantmap.titles import FROM_TITLE, NONE, article_title, outlet_of

    title, source = article_title(art.get("title"), art.get("text"), art.get("url"))
    outlet, _ = outlet_of(art.get("publisher"), art.get("url"))
    click.echo(f'  "{sentence}"')
    click.echo(f"    article: {title}{'' if source in (FROM_TITLE, NONE) else f' (title from the {source})'}"
               f" — {outlet or 'outlet unknown'} ({art.get('published') or 'undated'})"
               f"{' ' + art['url'] if art.get('url') else ''}")
    if attribution:
        click.echo(f"    asserted by: {attribution.get('text') or '-'} ({attribution.get('kind')})")
    elif modality:
        click.echo("    asserted by: the outlet itself")
    if polarity or modality:
        click.echo("    " + " ".join(x for x in (polarity, modality) if x))


def _hedging_text(modality: str | None, attribution: dict | None) -> str:
    """"reported, according to Police (anonymous_official)", "asserted by the outlet itself"."""
    if attribution:
        return f"{modality}, according to {attribution.get('text') or '-'} ({attribution.get('kind')})"
    return f"{modality} by the outlet itself"


# -- curation ----------------------------------------------------------------------------------

@click.command("merge")
@click.argument("absorbed", required=False)
@click.argument("into", required=False)
@click.option("--note", default=None, help="Why (kept in the merge log).")
@click.option("--log", "show_log", is_flag=True, help="List the merges and splits made so far.")
@DB_OPTION
@JSON_OPTION
def merge_cmd(absorbed: str | None, into: str | None, note: str | None, show_log: bool,
              db_url: str | None, as_json: bool) -> None:
    """Read entity ABSORBED as INTO from now on (undo with `militantmap split ABSORBED`)."""
    from militantmap.store.curate import merge, merge_history

    if show_log:
        log = merge_history(db_url)
        if as_json:
            return _print_json(log)
        for e in log:
            target = f" -> {e['target']['name']}" if e["target"] else ""
            click.echo(f"{e['at']}  {e['action']:5}  {e['entity']['name']}{target}  {e['note'] or ''}")
        return
    if not (absorbed and into):
        raise click.UsageError("give two names: militantmap merge ABSORBED INTO")
    try:
        done = _lookup(merge, db_url, absorbed, into, note)
    except ValueError as err:
        raise InputError("merge", str(err)) from None
    if as_json:
        return _print_json(done)
    click.echo(f"Merged {done['merged']['name']} into {done['into']['name']} "
               f"(undo: militantmap split {done['merged']['id']!r}).")


@click.command("split")
@click.argument("name")
@DB_OPTION
@JSON_OPTION
def split_cmd(name: str, db_url: str | None, as_json: bool) -> None:
    """Undo a merge: NAME (the absorbed entity's id or alias) becomes its own entity again."""
    from militantmap.store.curate import split

    try:
        done = _lookup(split, db_url, name)
    except ValueError as err:
        raise InputError("split", str(err)) from None
    if as_json:
        return _print_json(done)
    click.echo(f"{done['split']['name']} is its own entity again (was merged into {done['from']['name']}).")


@click.command("outlet")
@click.argument("name", required=False)
@click.argument("grade", required=False, type=click.Choice(["A", "B", "C", "D", "E", "F"], case_sensitive=False))
@click.option("--note", default=None, help="Why (kept with the grade).")
@DB_OPTION
@JSON_OPTION
def outlet_cmd(name: str | None, grade: str | None, note: str | None, db_url: str | None,
               as_json: bool) -> None:
    """Grade an outlet's reliability on the Admiralty scale (A completely reliable ... E
    unreliable, F cannot be judged: the default). The grade weighs every tie its articles
    support. Without arguments, list the graded outlets."""
    from militantmap.store.outlets import list_grades, set_grade

    if name is None:
        rows = list_grades(db_url)
        if as_json:
            return _print_json(rows)
        if not rows:
            click.echo("No outlet is graded: every one counts as F (reliability cannot be judged).")
        for r in rows:
            click.echo(f"{r['grade']}  {r['outlet']}  ({r['at']}{', ' + r['note'] if r['note'] else ''})")
        return
    if grade is None:
        raise click.UsageError("give a grade: militantmap outlet NAME A|B|C|D|E|F")
    try:
        done = set_grade(db_url, name, grade, note)
    except ValueError as err:
        raise InputError("outlet", str(err)) from None
    if as_json:
        return _print_json(done)
    click.echo(f"{done['outlet']} is graded {done['grade']}"
               + ("" if done["articles_in_store"] else " (no article in the store carries this outlet name yet)"))


COMMANDS = [ingest_cmd, groups_cmd, group_cmd, ties_cmd, timeline_cmd, events_cmd, evidence_cmd,
            merge_cmd, split_cmd, outlet_cmd]
__all__ = ["COMMANDS"]
