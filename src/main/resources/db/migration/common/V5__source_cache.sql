-- Whether each step found the job's source already on its node (1: from the node's source cache, 0: downloaded;
-- null: the step does not use the source, or ran before this column).
alter table pipeline_steps add column source_cached integer;
