-- Fixed-count POST scenarios for wrk, driven by bench/Bench.java. Arguments: MODE KEY TOTAL TAG, where MODE is
-- "invite" (KEY: the API token; one new client invited per request, addresses unique by TAG), "program" (the
-- same through + Invite into the program PROGRAM, the fifth argument) or "accept" (KEY unused; request i accepts
-- invitation tok_TAG_i as the account of API token rpt_TAG_i, seeded by Bench.java).
-- Each wrk thread sends its share of TOTAL and prints DONE when the last of its share has answered; Bench.java
-- then ends wrk with SIGINT (wrk runs for a duration, not a count, and reports on SIGINT). A connection that
-- would go beyond the share sends the trivial liveness request meanwhile (a few per run), which counts in
-- the latency histogram but not in the result. At the end it prints one line:
-- RESULT requests seconds p50_ms p95_ms p99_ms status_errors socket_errors
local threads = {}
local counter = 0

function setup(thread)
	thread:set("index", counter)
	counter = counter + 1
	table.insert(threads, thread)
end

local mode, key, total, tag, program, sent, share, finished, verified

function init(args)
	mode, key, total, tag, program = args[1], args[2], tonumber(args[3]), args[4], args[5]
	sent = 0
	real = 0 -- global: done() reads it through thread:get
	-- requests index, index + 2, index + 4, … below TOTAL belong to this thread (wrk -t2)
	share = math.floor((total - index + 1) / 2)
end

function request()
	if index == 0 and not verified then
		-- wrk calls the first thread's request() once before the run to check it, and sends nothing
		verified = true
		return wrk.format("GET", "/actuator/health/liveness")
	end
	if sent >= share then
		return wrk.format("GET", "/actuator/health/liveness")
	end
	local i = index + 2 * sent
	sent = sent + 1
	if mode == "invite" then
		return wrk.format("POST", "/api/v1/clients/individuals",
			{ ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" },
			'{"invite":true,"clients":[{"firstName":"Ada","lastName":"Invite ' .. i .. '","email":"ada-' .. tag .. '-' .. i
				.. '@invite.example"}]}')
	end
	if mode == "program" then
		return wrk.format("POST", "/api/v1/community/programs/" .. program .. "/invitations",
			{ ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" },
			'{"people":[{"name":"Ada Member ' .. i .. '","email":"ada-' .. tag .. '-' .. i .. '@invite.example","role":"CLIENT"}]}')
	end
	return wrk.format("POST", "/api/v1/join/accept",
		{ ["Authorization"] = "Bearer rpt_" .. tag .. "_" .. i, ["Content-Type"] = "application/json" },
		'{"token":"tok_' .. tag .. '_' .. i .. '"}')
end

function response(status, headers, body)
	-- the liveness answer is this exact body; every answer of the scenario's own requests differs
	if body ~= '{"status":"UP"}' then
		real = real + 1
	end
	if real == share and not finished then
		finished = true
		io.write("DONE\n")
		io.stdout:flush()
	end
end

function done(summary, latency, requests)
	local count = 0
	for _, thread in ipairs(threads) do
		count = count + thread:get("real")
	end
	local e = summary.errors
	io.write(string.format("RESULT %d %.3f %.3f %.3f %.3f %d %d\n", count, summary.duration / 1e6,
		latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, e.status,
		e.connect + e.read + e.write + e.timeout))
end
