-- A config with a syntax error on line 2.
return { port = 5060,, }
