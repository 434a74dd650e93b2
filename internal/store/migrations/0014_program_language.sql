-- programs.language: the language the program's books, packages and
-- release e-mails are written in (issue 11, part 3), a code of the
-- catalog (docs/books.md): en, fr, es. Programs made before are in English.
ALTER TABLE programs ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
