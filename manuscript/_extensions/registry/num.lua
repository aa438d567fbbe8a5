-- {{< num key >}}: a number from the workflow's registry (data/derived/numbers.json), shown in
-- its display form and linked to its lineage entry in the appendix (the link's title is the
-- tooltip in HTML).  The edition's language chooses the form: a document whose metadata says
-- `registry-lang: vi` (or, without it, `lang: vi`) gets the Vietnamese form (display_vi: decimal
-- comma, tỷ/triệu, Vietnamese words); `lang=vi` on one shortcode does the same.  A key the
-- registry lacks stops the render with a message naming it.  This file only formats: Snakemake computes.
-- In HTML the link goes to the entry on the edition's lineage page (metadata `lineage-page`); in the PDF,
-- to the appendix.  `{{< num key bare >}}` prints the number without its unit, for a table whose header
-- names the unit.  Spaces become no-break spaces, and a Vietnamese thousands space a narrow no-break space,
-- so that a number never breaks across lines.
local registry = nil

local function fail(message)
  quarto.log.error(message)
  os.exit(1)
end

-- the Vietnamese edition's tooltips (what a number is and its rule, in Vietnamese), written by
-- analysis/manuscript/parts.py beside the edition's parts: the registry's own label and rule are English
local tooltips_vi = nil

local function tooltip_vi(key)
  if tooltips_vi == nil then
    local here = quarto.project.directory or pandoc.path.directory(quarto.doc.input_file)
    local path = pandoc.path.join({here, "_generated", "vi", "tooltips.json"})
    local fh = io.open(path, "r")
    if fh == nil then
      fail("cannot read " .. path .. ": run `snakemake -c2 derived` from the repository root first")
    end
    tooltips_vi = quarto.json.decode(fh:read("a"))
    fh:close()
  end
  local title = tooltips_vi[key]
  if title == nil then
    fail("registry key " .. key .. " has no Vietnamese tooltip in _generated/vi/tooltips.json")
  end
  return title
end

local function load()
  if registry == nil then
    -- the manuscript folder: the project's, or the document's when a single file is rendered.  The
    -- registry is in data/derived/ of the repository above it: one level up, or more when the
    -- workflow renders a copy of the folder (each render job has its own, manuscript/_output/<job>/).
    local here = quarto.project.directory or pandoc.path.directory(quarto.doc.input_file)
    local up, path, fh = here, nil, nil
    for _ = 1, 4 do
      up = pandoc.path.join({up, ".."})
      path = pandoc.path.join({up, "data", "derived", "numbers.json"})
      fh = io.open(path, "r")
      if fh ~= nil then break end
    end
    if fh == nil then
      fail("cannot read " .. pandoc.path.join({here, "..", "data", "derived", "numbers.json"})
           .. ": run `snakemake -c2` from the repository root first")
    end
    registry = quarto.json.decode(fh:read("a"))
    fh:close()
  end
  return registry
end

-- the same rule as analysis/manuscript/parts.py's anchor()
local function anchor(key)
  return "lineage-" .. key:gsub("%.", "-"):gsub("%*", "x")
end

-- the document's language for the registry's forms: registry-lang, else lang ("vi", "vi-VN", ...)
-- the unit words a display form ends in, by the registry's unit (analysis/registry.py's UNIT_SUFFIX and
-- its Vietnamese forms), which `bare` leaves out
local SUFFIX = {
  ["USD bn"] = {" bn USD", " tỷ USD"}, ["USD mn"] = {" mn USD", " triệu USD"},
  ["TIV mn"] = {" mn TIV", " triệu TIV"}, ["TIV bn"] = {" bn TIV", " tỷ TIV"},
  ["%"] = {"%", "%"}, ["% change"] = {"%", "%"}, ["pp"] = {" pp", " pp"},
}

local function bare(text, unit)
  for _, s in ipairs(SUFFIX[unit] or {}) do
    if #text > #s and text:sub(-#s) == s then return text:sub(1, -#s - 1) end
  end
  return text
end

local function doc_lang(meta)
  local lang = meta and (meta["registry-lang"] or meta["lang"])
  lang = lang and pandoc.utils.stringify(lang) or ""
  return lang:sub(1, 2):lower()
end

-- what a document's metadata says for every number in it (its language, its lineage page), read once
-- per document: some hundreds of numbers share it
local doc_meta, doc_settings = nil, nil
local function settings(meta)
  if meta ~= doc_meta or doc_settings == nil then
    local page = meta and meta["lineage-page"] and pandoc.utils.stringify(meta["lineage-page"]) or ""
    if page ~= "" and not quarto.doc.is_format("html") then page = "" end
    doc_meta, doc_settings = meta, {lang = doc_lang(meta), page = page}
  end
  return doc_settings
end

return {
  ["num"] = function(args, kwargs, meta)
    local key = pandoc.utils.stringify(args[1] or "")
    local entry = load().numbers[key]
    if entry == nil then
      fail("registry key not found: " .. key .. " (it is not in data/derived/numbers.json)")
    end
    local doc = settings(meta)
    local lang = pandoc.utils.stringify(kwargs["lang"] or "")
    if lang == "" then lang = doc.lang end
    local text = entry.display
    if lang == "vi" then
      if entry.display_vi == nil then
        fail("registry key " .. key .. " has no Vietnamese form (display_vi)")
      end
      text = entry.display_vi
    end
    -- the tooltip speaks the document's language (a Vietnamese form in the English edition keeps an English one)
    local title = entry.label .. ". Rule: " .. entry.rule
    if doc.lang == "vi" then title = tooltip_vi(key) end
    for _, a in ipairs(args) do
      if pandoc.utils.stringify(a) == "bare" then text = bare(text, entry.unit) end
    end
    -- no-break spaces keep a number and its unit together; a thin space between digit groups becomes a
    -- narrow no-break space; words (a verdict, a class) keep their ordinary spaces, and so does a phrase of
    -- text with dates in it (an event's places and dates, a list of references): held on one line it would
    -- run past its column, in a table of the PDF most of all
    local _, spaces = text:gsub(" ", "")
    local phrase = (entry.unit == "text" and spaces > 2) or (spaces > 0 and not text:find("%d"))
    if text:find("%d") and not phrase then
      text = text:gsub("\u{2009}", "\u{202F}"):gsub(" ", "\u{00A0}")
    end
    local target = doc.page .. "#" .. anchor(key)
    -- a printed number is quoted in the article's Vietnamese form (~205,2 tỷ USD): in the English edition it says
    -- so (lang="vi"), so that a screen reader reads it as Vietnamese
    -- a phrase (class num-phrase) wraps in HTML like the text around it (styles.css)
    local class = phrase and "num num-phrase" or "num"
    local attrs = {class = class}
    if key:sub(1, 8) == "printed." and doc.lang ~= "vi" then attrs = {class = class, lang = "vi"} end
    local content = text
    if phrase then
      -- a phrase breaks between its words only: a date (2025-10-09) or an id (T2-33) stays whole (span.nowrap)
      content = {}
      for word in text:gmatch("[^ ]+") do
        if #content > 0 then table.insert(content, pandoc.Space()) end
        if word:find("%d") and word:find("-") then
          table.insert(content, pandoc.Span({pandoc.Str(word)}, {class = "nowrap"}))
        else
          table.insert(content, pandoc.Str(word))
        end
      end
    end
    return pandoc.Link(content, target, title, attrs)
  end
}
