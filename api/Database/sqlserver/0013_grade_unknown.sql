-- Grades are optional in OneRoster (and UG or Other say nothing of the year): a student may be on the roster with no
-- grade, shown as "grade unknown" and eligible only for opportunities without a grade rule. The CHECK allows NULL.
ALTER TABLE student_profiles DROP CONSTRAINT ck_student_profiles_grade;
ALTER TABLE student_profiles ALTER COLUMN grade INT NULL;
ALTER TABLE student_profiles ADD CONSTRAINT ck_student_profiles_grade CHECK (grade BETWEEN 6 AND 13);
