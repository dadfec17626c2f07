-- almanac lsp in Neovim's built-in client (headless), as a person would use
-- it: open the 2026 example plan, type Chinese text and then a typo on the
-- same line, see the diagnostic where the typo is, hover the campaign's
-- window, rename a person. Neovim computes the UTF-16 positions itself.
--
--   ALMANAC=target/release/almanac PLAN=plans/new-media-2026.toml \
--     nvim --headless --clean -c 'luafile tests/e2e/lsp/nvim.lua'
--
-- Exits 0 when every check holds, 1 with the failure on stderr otherwise.

local function fail(msg)
  io.stderr:write("nvim: FAIL " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local function check(cond, msg)
  if not cond then
    fail(msg)
  end
end

local plan = vim.fn.fnamemodify(os.getenv("PLAN"), ":p")
vim.cmd("edit " .. vim.fn.fnameescape(plan))
local buf = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = "almanac",
  cmd = { os.getenv("ALMANAC"), "lsp" },
  root_dir = vim.fn.fnamemodify(plan, ":h:h"),
})
check(client_id, "the client starts")
vim.lsp.buf_attach_client(buf, client_id)

local function errors()
  return vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })
end

-- The first diagnostics arrive: the example plan has no errors.
local published = vim.wait(10000, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c and c.initialized and vim.diagnostic.get(buf) ~= nil
end, 50)
check(published, "the server initializes")
vim.wait(1000, function() return false end, 50)
check(#errors() == 0, "the example plan has no errors, got " .. #errors())

-- `owner = "manager"` of the first campaign: the owner is typed in
-- Chinese, then one more character after the Chinese ones.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local row
for i, l in ipairs(lines) do
  if l == 'name = "年味实验室"' then
    row = i - 1
    break
  end
end
check(row, "the campaign's name line")
local owner_row = row + 3
check(lines[owner_row + 1] == 'owner = "manager"', "the owner line is " .. tostring(lines[owner_row + 1]))
vim.api.nvim_buf_set_text(buf, owner_row, 9, owner_row, 16, { "经理" })
-- Chinese text before the edited position, on the same line (byte 15 is
-- UTF-16 column 11).
vim.api.nvim_buf_set_text(buf, owner_row, 15, owner_row, 15, { "甲" })
local got = vim.wait(10000, function()
  for _, d in ipairs(errors()) do
    if d.code == "R001" then
      return true
    end
  end
  return false
end, 50)
check(got, "R001 for the unknown owner")
for _, d in ipairs(errors()) do
  if d.code == "R001" then
    check(d.lnum == owner_row, "the diagnostic's line: " .. d.lnum)
    -- Neovim shows byte columns: `owner = ` is 8 bytes, the quoted
    -- `"经理甲"` 2 + 9.
    check(d.col == 8 and d.end_col == 19, ("the diagnostic's columns: %d..%d"):format(d.col, d.end_col))
    check(d.message:find("成员 `经理甲` 不存在", 1, true) ~= nil, "the message: " .. d.message)
  end
end

-- Hover the window, two lines above the owner.
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = row + 1, character = 15 },
}
local results = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 5000)
local hover = results and results[client_id] and results[client_id].result
check(hover, "a hover answer")
local value = hover.contents.value or ""
check(value:find("2026-01-27 Tue (workday)", 1, true) == 1, "the hover: " .. value)

-- Rename `designer` through an owner that names it; the edits go to the
-- plan and to the shared fragment.
local designer_row
for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  if l == 'owner = "designer"' then
    designer_row = i - 1
    break
  end
end
check(designer_row, "an owner naming the designer")
local rename = vim.lsp.buf_request_sync(buf, "textDocument/rename", {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = designer_row, character = 11 },
  newName = "美术",
}, 5000)
local edit = rename and rename[client_id] and rename[client_id].result
check(edit and edit.changes, "a rename answer")
local files = 0
for _ in pairs(edit.changes) do
  files = files + 1
end
check(files == 2, "the rename edits two files, got " .. files)
vim.lsp.util.apply_workspace_edit(edit, "utf-16")
check(vim.api.nvim_buf_get_lines(buf, designer_row, designer_row + 1, false)[1] == 'owner = "美术"', "the owner is renamed")

io.stdout:write("nvim: ok (diagnostic after Chinese text, hover, rename)\n")
vim.cmd("qa!")
