-- A segment's charge lines become one text value: a line per record (separated by the ASCII record separator, 0x1E),
-- its fields (component, kind, description, quantity, unit, unit price, amount) separated by the unit separator (0x1F),
-- an empty field for a missing quantity, unit or price. Seven arrays made the database decode every element of every
-- line on the way in (about six lines a bill, seven fields each: forty decodes a bill), a third of a bill run's COPY
-- time; one text value is a single copy. billing.bill_line stays a view with the same columns and types, reading the
-- text apart only for the bills someone looks at. The numbers are rounded to the scales the arrays had (numeric(16,4),
-- numeric(12,6), numeric(15,2)), so a line reads back as it did; the writer refuses a number too large for them, as the
-- arrays did. A missing unit reads as NULL; component, kind and description are never missing.
alter table billing.bill_segment add column lines text;

update billing.bill_segment s
   set lines = (select string_agg(concat_ws(E'\x1f', coalesce(replace(replace(l.component, E'\x1e', ' '), E'\x1f', ' '), ''),
                                            coalesce(replace(replace(l.kind, E'\x1e', ' '), E'\x1f', ' '), ''),
                                            coalesce(replace(replace(l.description, E'\x1e', ' '), E'\x1f', ' '), ''),
                                            coalesce(l.quantity::text, ''),
                                            coalesce(replace(replace(l.unit, E'\x1e', ' '), E'\x1f', ' '), ''),
                                            coalesce(l.unit_price::text, ''),
                                            l.amount::text), E'\x1e' order by l.n)
                  from unnest(s.line_component, s.line_kind, s.line_description, s.line_quantity, s.line_unit, s.line_unit_price,
                              s.line_amount) with ordinality as l(component, kind, description, quantity, unit, unit_price, amount, n))
 where s.line_component is not null and cardinality(s.line_component) > 0;

drop view billing.bill_line;

alter table billing.bill_segment
    drop column line_component,
    drop column line_kind,
    drop column line_description,
    drop column line_quantity,
    drop column line_unit,
    drop column line_unit_price,
    drop column line_amount;

-- Every line of every bill, one row each, as readers (the bill page, documents, the print extract) ask for them.
create view billing.bill_line as
select s.bill_id, s.id as segment_id, (s.first_seq + l.n - 1)::smallint as seq,
       split_part(l.line, E'\x1f', 1) as component,
       split_part(l.line, E'\x1f', 2) as kind,
       split_part(l.line, E'\x1f', 3) as description,
       nullif(split_part(l.line, E'\x1f', 4), '')::numeric(16, 4)::numeric as quantity,
       nullif(split_part(l.line, E'\x1f', 5), '') as unit,
       nullif(split_part(l.line, E'\x1f', 6), '')::numeric(12, 6)::numeric as unit_price,
       split_part(l.line, E'\x1f', 7)::numeric(15, 2)::numeric as amount
  from billing.bill_segment s
 cross join lateral string_to_table(s.lines, E'\x1e') with ordinality as l(line, n);
