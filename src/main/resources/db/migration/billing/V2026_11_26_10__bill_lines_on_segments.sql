-- A bill's charge lines are kept on their segment as parallel arrays (one element a line, in bill order) instead of a
-- row each: a bill run writes about six lines a bill, and a row per line (its header, its primary-key entry) cost more
-- than everything else the run writes about the bill. billing.bill_line remains, as a view with the same columns.
alter table billing.bill_segment
    add column first_seq        smallint,
    add column line_component   text[],
    add column line_kind        text[],
    add column line_description text[],
    add column line_quantity    numeric(16, 4)[],
    add column line_unit        text[],
    add column line_unit_price  numeric(12, 6)[],
    add column line_amount      numeric(15, 2)[];

update billing.bill_segment s
   set first_seq = l.first_seq, line_component = l.component, line_kind = l.kind, line_description = l.description,
       line_quantity = l.quantity, line_unit = l.unit, line_unit_price = l.unit_price, line_amount = l.amount
  from (select segment_id, min(seq) as first_seq, array_agg(component order by seq) as component, array_agg(kind order by seq) as kind,
               array_agg(description order by seq) as description, array_agg(quantity order by seq) as quantity,
               array_agg(unit order by seq) as unit, array_agg(unit_price order by seq) as unit_price, array_agg(amount order by seq) as amount
          from billing.bill_line group by segment_id) l
 where l.segment_id = s.id;

drop table billing.bill_line;

-- Every line of every bill, one row each, as readers (the bill page, documents, the print extract) ask for them.
create view billing.bill_line as
select s.bill_id, s.id as segment_id, (s.first_seq + l.n - 1)::smallint as seq, l.component, l.kind, l.description, l.quantity, l.unit,
       l.unit_price, l.amount
  from billing.bill_segment s
 cross join lateral unnest(s.line_component, s.line_kind, s.line_description, s.line_quantity, s.line_unit, s.line_unit_price,
                           s.line_amount) with ordinality as l(component, kind, description, quantity, unit, unit_price, amount, n);

-- Lookups by agreement (where it was last billed to, demand history, a final bill) use bill_segment_once, which leads
-- with the agreement too; this second index only cost the bill run its upkeep.
drop index billing.bill_segment_agreement;
