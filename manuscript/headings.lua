-- Three layout rules of the manuscript.
--
-- Headings inside a Div of class "shift-headings" (a generated part included under a section of its own,
-- such as the replication report) are moved up or down so that the highest becomes level 2: numbered
-- 8.1, 8.2 under section 8 and their subsections 8.5.1 (in the PDF too: _quarto.yml sets Typst's
-- section-numbering to 1.1.1, as the HTML numbers), never 8.0.a.  The Div is then dropped, its blocks
-- kept: a heading inside a Div is left out of the HTML's table of contents, which must list the report's
-- sections as the PDF's does.
function Div(div)
  if not div.classes:includes("shift-headings") then return nil end
  local top = nil
  div:walk({Header = function(h) if top == nil or h.level < top then top = h.level end end})
  if top ~= nil and top ~= 2 then
    div = div:walk({Header = function(h) h.level = h.level - top + 2; return h end})
  end
  return div.content
end

-- A pipe table whose separator gives every column the same dashes (`|---|---|`) has no widths of its own:
-- pandoc still fixes equal widths when a line is long (every generated row is: a shortcode per number).
-- Such a table's columns follow their content instead (the browser's table layout in HTML, Typst's auto
-- columns in the PDF).  A table with unequal dashes keeps the widths it asks for.
--
-- In a table, a word joined by a hyphen or a dash (a period "2001–2010", "Vietnam–Russia", "non-commercial")
-- is not broken at it: a Span of class "nowrap" in HTML (styles.css), a word joiner after the dash in the PDF.
local EN_DASH, JOINER = "\u{2013}", "\u{2060}"
local function keep_dashed(str)
  local t = str.text
  if not (t:find("[%w%)]%-[%w%(]") or (t:find(EN_DASH, 1, true) and #t > #EN_DASH)) then return nil end
  if quarto.doc.is_format("html") then
    return pandoc.Span({pandoc.Str(t)}, {class = "nowrap"})
  end
  t = t:gsub("%-", "-" .. JOINER):gsub(EN_DASH, EN_DASH .. JOINER)
  return pandoc.Str(t)
end

function Table(tbl)
  tbl = tbl:walk({Str = keep_dashed})
  local first = tbl.colspecs[1] and tbl.colspecs[1][2]
  if first == nil or type(first) ~= "number" then return tbl end
  for _, spec in ipairs(tbl.colspecs) do
    if math.abs(spec[2] - first) > 1e-9 then return tbl end
  end
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = {spec[1], pandoc.ColWidthDefault}
  end
  return tbl
end

-- Two places in the PDF (Typst only; in HTML the contents are the sidebar's and the digest is in the page's head):
-- * the contents follow the abstract, not the title: the first page holds the title, the package's identity
--   line and the abstract with its verdicts, as a journal's first page does (_quarto.yml turns Quarto's own
--   contents off for Typst; the title is the edition's label, Quarto's toc-title);
-- * the PDF ends with the render's digest, a line of small text (render-digest-note, defined by the edition's
--   _generated/digest.typ, analysis/manuscript/render.py): a freshness check reads it in the PDF that was
--   rendered, and the PDF's keywords stay the edition's own.
function Pandoc(doc)
  if not (quarto and quarto.doc.is_format("typst")) then return nil end  -- (plain pandoc: no quarto)
  local title = doc.meta["toc-title"] and pandoc.utils.stringify(doc.meta["toc-title"]) or ""
  local depth = doc.meta["toc-depth"] and pandoc.utils.stringify(doc.meta["toc-depth"]) or "2"
  local outline = pandoc.RawBlock("typst", "#block(above: 1.2em, below: 2em)[#outline(title: "
    .. (title ~= "" and ("[" .. title:gsub("[%[%]#\\*_`$<>@]", "\\%0") .. "]") or "auto")
    .. ", depth: " .. depth .. ", indent: 1.5em)]")
  local seen = false
  for i, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level == 1 then
      if seen then
        doc.blocks:insert(i, outline)
        break
      end
      seen = block.identifier == "sec-abstract"
    end
  end
  doc.blocks:insert(pandoc.RawBlock("typst", "#render-digest-note"))
  return doc
end
