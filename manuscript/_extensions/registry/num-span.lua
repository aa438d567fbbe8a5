-- The workflow's fast path to the `num` shortcode: a number written as an empty span with its key,
-- `[]{.num key="trade.turnover_2024.china"}` (and `bare="1"` for `{{< num key bare >}}`), becomes exactly
-- what the shortcode gives, by the shortcode's own function (num.lua).  The workflow's render copies the
-- manuscript with every `{{< num key >}}` written so (analysis/manuscript/render.py, stage): Quarto's
-- handling of each of some hundreds of shortcodes costs seconds of every render; this filter, one walk.
-- Authors keep writing the shortcode; a document without such spans is left as it is.
local num = dofile(pandoc.path.join({pandoc.path.directory(PANDOC_SCRIPT_FILE), "num.lua"})).num

function Pandoc(doc)
  return doc:walk({
    Span = function(span)
      local key = span.attributes["key"]
      if key == nil or not span.classes:includes("num") then return nil end
      local args = {key}
      if span.attributes["bare"] ~= nil then table.insert(args, "bare") end
      return num(args, {}, doc.meta)
    end
  })
end
