-- YES is no longer a default opt-in keyword: patients answer "Reply YES to confirm" without ever
-- having opted out. Accounts that kept the old default list get the new one; lists an account
-- changed itself are left as they are.
UPDATE reply_keywords SET opt_in = ARRAY['START', 'UNSTOP'], updated_at = now()
WHERE opt_in = ARRAY['START', 'UNSTOP', 'YES'];
