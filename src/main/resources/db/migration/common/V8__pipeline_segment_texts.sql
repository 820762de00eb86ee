-- The text a segment's analysis found, for jobs whose rule hides text (JSON of its observations); else null.
alter table pipeline_segments add column texts text;
