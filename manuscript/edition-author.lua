-- The Vietnamese edition's author line: the render digest (analysis/manuscript/render.py) writes the maintainers
-- as CITATION.cff names them (metadata `author`, English) and as the Vietnamese edition says them (`author-vi`,
-- in the same order); a document whose language is Vietnamese takes the latter.  Quarto has already read
-- `author` into its normalized lists (`authors`, `by-author`) when this filter runs, so the names change there too.
function Meta(meta)
  local lang = meta["lang"] and pandoc.utils.stringify(meta["lang"]) or ""
  local names = meta["author-vi"]
  meta["author-vi"] = nil
  if lang:sub(1, 2):lower() ~= "vi" or names == nil then return meta end
  meta["author"] = names
  for _, field in ipairs({"authors", "by-author"}) do
    local list = meta[field]
    if list ~= nil then
      for i, a in ipairs(list) do
        if names[i] ~= nil and type(a) == "table" and a["name"] ~= nil and a["name"]["literal"] ~= nil then
          a["name"]["literal"] = names[i]
        end
      end
    end
  end
  return meta
end
