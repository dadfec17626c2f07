"""almanac lsp driven by pytest-lsp (a client built on pygls), on the 2026
example plan as it is in the repository (opened, edited in memory, never
saved): diagnostics as you type after Chinese text on the same line, the
quick fix, hover on a date range, rename of a person across files,
completion, formatting, an edit of the shared fragment re-checking the
plan, rule codes linking to their explanation, and a clean shutdown.

    ALMANAC=target/release/almanac python3 -m pytest tests/e2e/lsp
"""

import asyncio
import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[3]
PLAN = ROOT / "plans" / "new-media-2026.toml"
TEAM = ROOT / "plans" / "shared" / "team.toml"
ALMANAC = os.environ.get("ALMANAC", str(ROOT / "target" / "release" / "almanac"))
DOC = types.TextDocumentIdentifier(uri=PLAN.as_uri())


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[ALMANAC, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                text_document=types.TextDocumentClientCapabilities(
                    hover=types.HoverClientCapabilities(
                        content_format=[types.MarkupKind.Markdown]
                    ),
                ),
            ),
            root_uri=ROOT.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


def line_of(text: str, start: str) -> int:
    return next(i for i, l in enumerate(text.splitlines()) if l.startswith(start))


async def open_plan(client: LanguageClient) -> str:
    text = PLAN.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=PLAN.as_uri(), language_id="toml", version=1, text=text
            )
        )
    )
    await published(client, 1)
    return text


async def published(client: LanguageClient, version: int) -> list:
    """The plan's diagnostics of `version` (other files' publications, and
    older ones still in flight, are passed over)."""
    async with asyncio.timeout(30):
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == PLAN.as_uri() and params.version == version:
                return params.diagnostics


def change(client: LanguageClient, version: int, line: int, start: int, end: int, text: str):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=PLAN.as_uri(), version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=line, character=start),
                        end=types.Position(line=line, character=end),
                    ),
                    text=text,
                )
            ],
        )
    )


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@pytest.mark.asyncio
async def test_a_typo_after_chinese_text_is_reported_and_fixed(client: LanguageClient):
    text = await open_plan(client)
    assert not [d for d in client.diagnostics[PLAN.as_uri()] if d.severity == 1]
    # `budget = { ads.douyin_feed = "60万", kol.waist = "15万" }`: the typo
    # is after a Chinese character on the same line.
    line = line_of(text, 'budget = { ads.douyin_feed = "60万"')
    source = text.splitlines()[line]
    col = utf16(source[: source.index("waist")])
    change(client, 2, line, col, col + 5, "wiast")
    diagnostics = await published(client, 2)
    unknown = [d for d in diagnostics if d.code == "R001"]
    assert len(unknown) == 1, diagnostics
    d = unknown[0]
    # The plan writes `locale = "zh-CN"`: its diagnostics are in Chinese.
    assert d.message.startswith("预算科目 `kol.wiast` 不存在"), d.message
    assert (d.range.start.line, d.range.start.character, d.range.end.character) == (line, col, col + 5)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=DOC,
            range=d.range,
            context=types.CodeActionContext(diagnostics=[d]),
        )
    )
    assert actions and actions[0].title == "Replace with `waist`"
    edit = actions[0].edit.changes[PLAN.as_uri()][0]
    change(client, 3, edit.range.start.line, edit.range.start.character, edit.range.end.character, edit.new_text)
    assert not [d for d in await published(client, 3) if d.code == "R001"]


@pytest.mark.asyncio
async def test_hover_reads_the_resolved_window(client: LanguageClient):
    text = await open_plan(client)
    line = line_of(text, 'window = "spring_festival-21d..+15d"')
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=DOC,
            position=at(line, 15),
        )
    )
    assert hover.contents.value.startswith("2026-01-27 Tue (workday) → 2026-03-04"), hover.contents.value


@pytest.mark.asyncio
async def test_rename_a_person_edits_the_plan_and_the_fragment(client: LanguageClient):
    text = await open_plan(client)
    line = line_of(text, 'owner = "designer"')
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=DOC,
            position=at(line, 11),
            new_name="美术",
        )
    )
    assert len(edit.changes[PLAN.as_uri()]) == text.count('"designer"')
    assert [e.new_text for e in edit.changes[TEAM.as_uri()]] == ['"美术"']


@pytest.mark.asyncio
async def test_completion_and_formatting(client: LanguageClient):
    text = await open_plan(client)
    line = line_of(text, 'owner = "designer"')
    items = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=DOC,
            position=at(line, 9),
        )
    )
    labels = [i.label for i in (items.items if hasattr(items, "items") else items)]
    assert "designer" in labels and "legal" in labels, labels
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=DOC,
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert not edits, "the example plan is formatted"


@pytest.mark.asyncio
async def test_definition_references_outline_and_inlay_hints(client: LanguageClient):
    text = await open_plan(client)
    doc = DOC
    line = line_of(text, 'owner = "designer"')
    where = at(line, 11)
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=where)
    )
    team = TEAM.read_text(encoding="utf-8")
    assert found.uri == TEAM.as_uri()
    assert found.range.start.line == line_of(team, "[people.designer]")
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc,
            position=where,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert len(refs) == text.count('"designer"') + 1
    outline = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc)
    )
    nianwei = next(s for s in outline if s.name == "nianwei_lab")
    assert [t.name for t in nianwei.children] == ["brief", "visuals", "copyright", "launch"]
    window = line_of(text, 'window = "spring_festival-21d..+15d"')
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=doc,
            range=types.Range(
                start=at(window, 0),
                end=at(window + 1, 0),
            ),
        )
    )
    assert [h.label for h in hints] == ["01-27 Tue..03-04 Wed"]


@pytest.mark.asyncio
async def test_expressions_get_semantic_tokens(client: LanguageClient):
    text = await open_plan(client)
    result = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=DOC)
    )
    data = result.data
    line = start = 0
    found = []
    for i in range(0, len(data), 5):
        dl, ds, length, kind, _ = data[i : i + 5]
        line += dl
        start = start + ds if dl == 0 else ds
        found.append((line, start, length, kind))
    window = line_of(text, 'window = "spring_festival-21d..+15d"')
    assert (window, 10, 15, 0) in found, "spring_festival is a name"
    every = line_of(text, 'every = "every wed except holidays"')
    assert [t[3] for t in found if t[0] == every] == [1, 1, 1, 1], "every wed except holidays are words"


@pytest.mark.asyncio
async def test_editing_the_fragment_rechecks_the_plan_and_codes_link_to_their_rule(client: LanguageClient):
    await open_plan(client)
    team = TEAM.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=TEAM.as_uri(), language_id="toml", version=1, text=team
            )
        )
    )
    # The person `legal` becomes `counsel` in the fragment only: the plan, not
    # saved and not edited, now names someone unknown.
    line = line_of(team, "[people.legal]")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=TEAM.as_uri(), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=at(line, 8), end=at(line, 13)),
                    text="counsel",
                )
            ],
        )
    )
    async with asyncio.timeout(30):
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            unknown = [d for d in params.diagnostics if d.code == "R001"]
            if params.uri == PLAN.as_uri() and unknown:
                break
    assert unknown[0].message.startswith("成员 `legal` 不存在"), unknown[0].message
    # The code links to its rule; the link's explanation is the server's.
    assert unknown[0].code_description.href == "almanac-explain:R001"
    explained = await client.protocol.send_request_async("almanac/explain", {"code": "R001"})
    markdown = explained["markdown"] if isinstance(explained, dict) else explained.markdown
    assert markdown.startswith("**R001 "), markdown
    # Hovering the diagnostic explains its rule too.
    r = unknown[0].range.start
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=DOC, position=at(r.line, r.character + 1))
    )
    assert "**R001 " in hover.contents.value, hover.contents.value
