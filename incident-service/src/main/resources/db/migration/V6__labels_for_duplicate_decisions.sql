-- Labels of casualty-service's duplicate decisions (a reviewer's word on a pair of records), one vocabulary per
-- enumeration as V4 set out: fixed codes, labels that admins may refine.
insert into thesaurus_term (vocabulary, code, label_en, label_ar) values
  ('duplicate-candidate-decision', 'same', 'Same person (confirmed)', 'الشخص نفسه (مؤكد)'),
  ('duplicate-decision-request-decision', 'same', 'Same person', 'الشخص نفسه'),
  ('duplicate-decision-request-decision', 'different', 'Different people', 'شخصان مختلفان');

insert into fixed_vocabulary (name) values ('duplicate-candidate-decision'), ('duplicate-decision-request-decision');
