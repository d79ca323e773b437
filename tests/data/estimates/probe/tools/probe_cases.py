from pdsl import case, c

# ---------------- spoken 1-30
case("spoken", "qps",
"""Um, so the sensor fleet. Every device pings every thirty seconds and we've got, uh, 6 million devices out there. So that's 6 million over 30, [[a|two hundred thousand pings a second]]. Each ping's like 400 bytes, so [[b|80 megs a second]] coming in, which, yeah, that's fine.""",
dict(a=c(2e5, "/s", "6e6/30"), b=c(80e6, "B/s", "@a*400")))

case("spoken", "peak",
"""Okay so the commute peak. Most of the ride requests land between, like, 8 and 9am. We said 12 million rides a day, and I'd say fifteen percent of them happen in that one hour. So that's [[a|1.8 million rides in that hour]], and over 3,600 seconds that's [[b|about 500 a second]] right at 9am.""",
dict(a=c(1.8e6, "n/hour", "12e6*0.15"), b=c(500, "/s", "@a/3600")))

case("spoken", "cache",
"""The hit rate we're targeting on the cache is ninety five percent. Reads are, um, 40K a second at peak. So the database sees, what, [[a|thirty eight thousand reads a second]], which is a lot for one Postgres, so we'd want read replicas behind it.""",
dict(a=c(38000, "/s", "40e3*(1-0.95)", "percent_base", "used the 95% hit rate as the share reaching the DB; the DB sees the 5% misses")))

case("spoken", "storage",
"""For logs, uh, we've got 2,000 servers each writing, I don't know, 1.1 gigs of logs a day. So that's [[a|between 2 and 2.5 terabytes a day]]. We keep thirty days hot, so [[b|somewhere around 65 terabytes]] on the hot tier.""",
dict(a=c(2e12, "B/day", "2000*1.1e9"), b=c(65e12, "B", "@a*30")))

case("spoken", "qps",
"""Notifications. Three hundred million users, they get on average three pushes a day, so that's [[a|nine hundred million a day]]. Divide by ten to the fifth, uh, that gives [[b|nine hundred a second]], so honestly tiny.""",
dict(a=c(9e8, "n/day", "300e6*3"), b=c(900, "/s", "@a/86400", "power_of_ten", "9e8 / 1e5 is 9,000, not 900 (and 9e8/86,400 is ~10.4K)")))

case("spoken", "bandwidth",
"""Upload ingress. The number people quote is 500 hours of video uploaded every minute. So at any moment we're ingesting 500 times 60, [[a|thirty thousand streams]] in parallel. At 5 megabits each, that's [[b|150 gigabits a second]], so, uh, [[c|about 19 gigabytes a second]].""",
dict(a=c(30000, "n", "500*60"), b=c("150e9/8", "B/s", "@a*5e6/8"), c=c(19e9, "B/s", "@b")))

case("spoken", "bandwidth",
"""Chat egress. Peak we said 200K messages a second, and each one fans out to, on average, 5 recipients, payload about one KB. So that's [[a|a million deliveries a second]], times a kilobyte, [[b|one gigabit a second]] of egress. So a single 10 gig NIC covers it easily.""",
dict(a=c(1e6, "/s", "200e3*5"), b=c("1e9/8", "B/s", "@a*1e3", "bits_bytes", "1M x 1 KB is 1 gigaBYTE per second = 8 Gbps; said gigabit")))

case("spoken", "servers",
"""Let me just chain it. 50 million DAU, um, each makes 20 API calls a day, so [[a|a billion calls a day]]. That's [[b|roughly 11,500 a second]] on average. Peak is 2x, [[c|twenty three K]]. Each pod does 500 a second, so [[d|46 pods]], and with, uh, 25% headroom, [[e|58 pods]].""",
dict(a=c(1e9, "n/day", "50e6*20"), b=c(11500, "/s", "@a/86400"), c=c(23000, "/s", "@b*2"), d=c(46, "n", "@c/500"), e=c(58, "n", "@d*1.25")))

case("spoken", "qps",
"""Payments. We do about 20 million transactions a day. Per second that's 20 million over, uh, 1,440, so [[a|about fourteen thousand TPS]]. And peak is 3x that, so [[b|forty two thousand]] at peak.""",
dict(a=c(14000, "/s", "20e6/86400", "per_day_per_second", "divided by 1,440 (minutes in a day) instead of 86,400 seconds"), b=c(42000, "/s", "@a*3")))

case("spoken", "storage",
"""Storage for the thumbnails. 400 million images, each with three thumbnail sizes at like 20 KB each. So per image that's [[p|60K]], and the total is, uh, 24 gigabytes... no wait, that's wrong, it's [[a|24 terabytes]]. Then with three replicas, [[b|72 terabytes]].""",
dict(p=c(60e3, "B", "3*20e3"), a=c(24e12, "B", "400e6*@p"), b=c(72e12, "B", "@a*3")),
retracted=["24 gigabytes"])

case("spoken", "servers",
"""Steady state we need 80 app servers. Peak is double, so [[p|160]]. And to survive losing one zone out of three, the other two have to carry everything, so, um, that's 160 times 3, [[a|480 servers]] total.""",
dict(p=c(160, "n", "80*2"), a=c(480, "n", "@p*1.5", "multiplier", "surviving one of three zones needs 1.5x (3/2), not 3x")))

case("spoken", "kafka",
"""Kafka for the audit log. Ingest is, um, 50K events a second at 2 KB, so [[a|100 megabytes a second]]. Retain seven days. 100 megs times 86,400 is [[b|8.6 terabytes a day]], times seven, [[c|sixty terabytes]], and replication factor three, so [[d|180 terabytes]] of broker disk.""",
dict(a=c(1e8, "B/s", "50e3*2e3"), b=c(8.6e12, "B/day", "@a*86400"), c=c(60e12, "B", "@b*7"), d=c(180e12, "B", "@c*3")))

case("spoken", "storage",
"""User profiles. We've got 2 billion rows, each is about 300 bytes. That's [[a|600 megabytes]], so honestly it fits in RAM on one box, no problem.""",
dict(a=c(600e6, "B", "2e9*300", "unit_prefix", "2e9 x 300 B is 600 GB, not MB")))

case("spoken", "cost",
"""Egress cost. We serve, um, 3 petabytes a month out of the CDN at, say, 2 cents a gig. 3 petabytes is 3 million gigs, so [[a|sixty thousand dollars a month]], [[b|seven twenty K a year]].""",
dict(a=c(60000, "$/month", "3e15/1e9*0.02"), b=c(720000, "$/year", "@a*12")))

case("spoken", "storage",
"""Chat history. Five billion messages a day at 200 bytes, [[a|a terabyte a day]]. We keep it three years with three replicas, so that's a terabyte times, um, 365 times 3, [[b|about 1.1 petabytes]].""",
dict(a=c(1e12, "B/day", "5e9*200"), b=c(1.1e15, "B", "@a*365*3*3", "dropped_factor", "named 3 years and 3 replicas but multiplied by only one 3")))

case("spoken", "connections",
"""Concurrency. Little's law: we've got 8,000 requests a second and each holds a DB connection for about 25 milliseconds, so [[a|200 connections]] in flight on average. Give it 2x for the tail, [[b|400 connections]], and across 8 app servers that's [[c|50 a server]].""",
dict(a=c(200, "n", "8000*0.025"), b=c(400, "n", "@a*2"), c=c(50, "n", "@b/8")))

case("spoken", "shards",
"""Sharding. Total data is, um, 45 terabytes, and I want each shard under one and a half terabytes, so [[a|twenty shards]], and I'd round that up to 32 so it's a power of two.""",
dict(a=c(20, "n", "45e12/1.5e12", "arithmetic", "45 / 1.5 = 30, not 20")))

case("spoken", "qps",
"""[[a|Around 6,000 writes a second]], that's the number. Because, uh, it's 500 million check-ins a day, and 500 million over 86,400 is [[m|roughly 5,800]]. And reads are 20x, so [[b|120K reads]].""",
dict(a=c(6000, "/s", "500e6/86400"), m=c(5800, "/s", "500e6/86400"), b=c(120000, "/s", "@a*20")))

case("spoken", "storage",
"""Metrics. We've got a million time series, sampled every 10 seconds, so [[a|a hundred K points a second]]. Each point's about 16 bytes compressed, so [[b|1.6 megabytes a second]], and a day of that is, um, 1.6 megs times 10 to the 5, [[c|16 gigs a day]].""",
dict(a=c(1e5, "/s", "1e6/10"), b=c(1.6e6, "B/s", "@a*16"), c=c(16e9, "B/day", "@b*86400", "power_of_ten", "1.6e6 x 1e5 = 1.6e11 = 160 GB; dropped a zero")))

case("spoken", "cache",
"""Session cache. 100 million DAU, twenty percent of them are active in any given hour, and of those, like, ten percent have sessions hot enough to cache. So [[a|two million sessions]], each 5 KB, so [[b|10 gigs]] of session cache.""",
dict(a=c(2e6, "n", "100e6*0.2*0.1"), b=c(10e9, "B", "@a*5e3")))

case("spoken", "storage",
"""Um, premium users are 5% of the 40 million, and of the premium ones, say thirty percent upload 4K video. So that's [[a|twelve million]] people uploading 4K, which is going to dominate storage.""",
dict(a=c(12e6, "n", "40e6*0.05*0.3", "percent_base", "took 30% of all 40M users instead of 30% of the 2M premium users")))

case("spoken", "bandwidth",
"""So at, uh, at 9am everyone opens the dashboard. It's 2 million users in like a ten minute window, and each dashboard load pulls one and a half megs. So 2 million over 600 seconds is [[a|about 3,300 loads a second]], times 1.5 megs, [[b|five gigabytes a second]], which is [[c|forty gigabits]].""",
dict(a=c(3300, "/s", "2e6/600"), b=c(5e9, "B/s", "@a*1.5e6"), c=c("40e9/8", "B/s", "@b")))

case("spoken", "bandwidth",
"""Backup traffic. We snapshot 50 terabytes a month to the other region. Spread over the month, that's 50 terabytes over, uh, 86,400 seconds, [[a|580 megabytes a second]] of cross-region bandwidth.""",
dict(a=c(580e6, "B/s", "50e12/(30*86400)", "per_day_per_second", "a monthly total divided by one day of seconds; 50 TB / 2.6M s is ~19 MB/s")))

case("spoken", "servers",
"""Okay, so inputs: 30K peak QPS, each request is about 20 milliseconds of CPU, and a box has 16 cores. So per box that's 16 over 0.02, [[p|800 a second]], and then 30K over 800 is [[a|38 boxes]], plus twenty percent headroom, [[b|forty-five]].""",
dict(p=c(800, "/s", "16/0.02"), a=c(38, "n", "ceil(30e3/@p)"), b=c(45, "n", "@a*1.2")))

case("spoken", "qps",
"""Read to write ratio is 10 to 1. We've got 50K reads a second, so writes are, um, [[a|500K a second]], and that's what sizes the primary.""",
dict(a=c(500e3, "/s", "50e3/10", "multiplier", "a 10:1 read:write ratio means writes are reads / 10 = 5K/s; multiplied instead")))

case("spoken", "kafka",
"""Partitions. Peak is 300 megabytes a second, a consumer can do, say, 40 megs a second, so, uh, seven, no, [[a|eight partitions]] minimum, and I'd want 3x for growth, [[b|24]].""",
dict(a=c(8, "n", "ceil(300e6/40e6)"), b=c(24, "n", "@a*3")),
retracted=["seven"])

case("spoken", "kafka",
"""Replication traffic between brokers. Produce rate is 400 megabytes a second, RF three means each byte goes to two followers, so [[a|800 megabytes a second]] of replication, which is, uh, [[b|800 megabits]], so each of our 10 gig links is fine.""",
dict(a=c(8e8, "B/s", "400e6*2"), b=c("800e6/8", "B/s", "@a", "bits_bytes", "800 MB/s is 6.4 Gbps, not 800 Mbps")))

case("spoken", "cost",
"""GPU cost. We need 40 H100s at around two fifty an hour each, so [[a|a hundred bucks an hour]], times 730 hours a month is [[b|$73,000 a month]], call it [[c|$900K a year]].""",
dict(a=c(100, "$/hour", "40*2.5"), b=c(73000, "$/month", "@a*730"), c=c(900000, "$/year", "@b*12")))

case("spoken", "bandwidth",
"""Each stream is 3 megabits. We've got 200K concurrent viewers, so that's [[a|600 megabits a second]] out of the edge.""",
dict(a=c("600e6/8", "B/s", "200e3*3e6/8", "unit_prefix", "200K x 3 Mbps = 600 Gbps, not Mbps")))

case("spoken", "latency",
"""Four nines. A year is about 31.5 million seconds, and 0.01% of that is [[a|3,150 seconds]], so [[b|about 52 minutes]] of downtime a year, or [[c|four and a half minutes]] a month, ish.""",
dict(a=c(3150, "s", "31.5e6*0.0001"), b=c(52*60, "s", "@a"), c=c(270, "s", "@b/12")))

# ---------------- spoken 31-60
case("spoken", "cost",
"""The vector DB charges 8 cents per thousand queries. We do, um, 50 million queries a day, so that's [[a|$4 million a day]], which kills the idea.""",
dict(a=c(4e6, "$/day", "50e6/1000*0.08", "dropped_factor", "dropped the per-1,000 in the price: 50M/1000 x $0.08 = $4,000/day")))

case("spoken", "shards",
"""Shard by user. 800 million users, each about 50 KB of profile and settings, so [[a|40 terabytes]]. With 2 terabytes per shard that's [[b|20 shards]], and with a replica set of three per shard, [[c|60 database nodes]].""",
dict(a=c(40e12, "B", "800e6*50e3"), b=c(20, "n", "@a/2e12"), c=c(60, "n", "@b*3")))

case("spoken", "bandwidth",
"""Upload ingress. Eight thousand photos a second at peak, each 3.5 megabytes, so [[a|18 gigabytes a second]] coming in.""",
dict(a=c(18e9, "B/s", "8000*3.5e6", "arithmetic", "8,000 x 3.5 MB = 28 GB/s")))

case("spoken", "connections",
"""Websocket fleet. 30 million concurrent at peak. One box holds, um, let's be conservative, 60K. So 30 million over 60K is, uh, 5,000 boxes, sorry, [[a|500 boxes]].""",
dict(a=c(500, "n", "30e6/60e3")),
retracted=["5,000 boxes"])

case("spoken", "kafka",
"""Retention for the clickstream topic. It's 200K events a second at 500 bytes, so [[a|100 megs a second]]. Three days is about 260K seconds, so [[b|2.6 terabytes]], and with RF three, [[c|7.8 terabytes]].""",
dict(a=c(1e8, "B/s", "200e3*500"), b=c(2.6e12, "B", "@a*260e3", "power_of_ten", "1e8 x 2.6e5 = 2.6e13 = 26 TB"), c=c(7.8e12, "B", "@b*3")))

case("spoken", "storage",
"""The GPS trail. Each driver sends a location every 4 seconds, and we have a million drivers on shift, so [[a|250K updates a second]]. Each one's like 100 bytes, so [[b|25 megs a second]], which over a day is [[c|about 2 terabytes]].""",
dict(a=c(250e3, "/s", "1e6/4"), b=c(25e6, "B/s", "@a*100"), c=c(2e12, "B/day", "@b*86400")))

case("spoken", "peak",
"""Peak factor. Average is 12K QPS and we said peak is 3x average. Then Black Friday is another 3x on top of the normal peak. So 12K times 3 is [[p|36K]], and Black Friday, um, 36K times 3 times 3, [[a|three hundred and twenty K]].""",
dict(p=c(36000, "/s", "12e3*3"), a=c(320e3, "/s", "@p*3", "multiplier", "applied the 3x peak factor twice: 36K is already the normal peak, Black Friday is 36K x 3 = 108K")))

case("spoken", "cache",
"""Redis memory. 50 million keys, about 1 KB each with overhead, so [[a|50 gigs]]. Add a replica for each primary, [[b|a hundred gigs]], so that's [[c|between 4 and 5]] of the 32 gig nodes.""",
dict(a=c(50e9, "B", "50e6*1e3"), b=c(100e9, "B", "@a*2"), c=c(4, "n", "ceil(@b/32e9)")))

case("spoken", "bandwidth",
"""CDN offload. Total egress is 400 gigabits a second, and the CDN hit ratio is ninety percent, so origin has to serve [[a|360 gigabits]] a second.""",
dict(a=c("360e9/8", "B/s", "400e9/8*(1-0.9)", "percent_base", "origin serves the 10% misses = 40 Gbps, not the 90% hits")))

case("spoken", "qps",
"""So, ten to the ninth requests a day, that's, uh, a billion, and a day's ten to the five seconds, so [[a|ten to the four, ten thousand a second]]. Peak's about 5x, [[b|fifty thousand]].""",
dict(a=c(1e4, "/s", "1e9/86400"), b=c(5e4, "/s", "@a*5")))

case("spoken", "cache",
"""In-memory index. 500 million entries, 64 bytes each, that's [[a|32 gigs]], so one box with headroom.""",
dict(a=c(32e9, "B", "500e6*64")))

case("spoken", "cost",
"""Cold storage. 10 petabytes in Glacier at, uh, 0.4 cents a gig a month. That's 10 million gigs times 0.004, [[a|40 grand a month]]. Versus standard at 2.3 cents, [[b|$230K a month]]. So it's about [[c|six x]] cheaper.""",
dict(a=c(40000, "$/month", "10e15/1e9*0.004"), b=c(230000, "$/month", "10e15/1e9*0.023"), c=c(6, "n", "@b/@a")))

case("spoken", "storage",
"""Log shipping. Each host writes 50 KB a second of logs. Per day that's [[a|4.3 gigs a host]]. We've got 4,000 hosts and thirty days of retention, so, um, 4.3 gigs times 30, [[b|130 gigabytes]] for the cluster.""",
dict(a=c(4.3e9, "B/day", "50e3*86400"), b=c(130e9, "B", "@a*4000*30", "dropped_factor", "left out the 4,000 hosts: 4.3 GB x 4,000 x 30 = 516 TB")))

case("spoken", "latency",
"""Tail latency. Each leaf has a one percent chance of being slow, and we fan out to 100 leaves, so the chance at least one is slow is 1 minus 0.99 to the 100, [[a|about 63%]]. So basically every request hits the tail.""",
dict(a=c(0.63, "n", "1-0.99**100")))

case("spoken", "cost",
"""Compute cost. We need 250 instances at 40 cents an hour, so [[a|$100 an hour]], and a month is about 730 hours, so [[b|$48K a month]].""",
dict(a=c(100, "$/hour", "250*0.4"), b=c(48000, "$/month", "@a*730", "arithmetic", "$100 x 730 = $73K")))

case("spoken", "kafka",
"""Brokers. Inbound is 1.2 gigabytes a second, and with RF three the disks see [[a|3.6 gigs a second]] of writes. If one broker does 300 megs a second of writes, that's [[b|12 brokers]], plus a couple spare, [[c|14]].""",
dict(a=c(3.6e9, "B/s", "1.2e9*3"), b=c(12, "n", "@a/300e6"), c=c(14, "n", "@b+2")))

case("spoken", "storage",
"""Events come in at 30K a second, and each is about a KB, so that's [[a|30 megabytes a day]] to store, trivially small.""",
dict(a=c(30e6, "B/day", "30e3*1e3*86400", "per_day_per_second", "30 MB is the per-second volume; a day is 30 MB/s x 86,400 = 2.6 TB")))

case("spoken", "servers",
"""Transcoding. 500 hours of video uploaded per minute, and let's say each hour of video takes 2 CPU hours to transcode across all the renditions. So every minute we create [[a|1,000 CPU hours]] of work, and since there's 60 minutes in an hour that's [[b|60,000 cores]] busy all the time. At 8 cores a box, [[c|7,500 machines]].""",
dict(a=c(1000, "n", "500*2"), b=c(60000, "n", "@a*60"), c=c(7500, "n", "@b/8")))

case("spoken", "bandwidth",
"""We put a 25 gig NIC on each box, so [[a|25 gigabytes a second]] per box, and we need to push 100 gigabytes a second, so [[b|four boxes]].""",
dict(a=c(25e9, "B/s", "25e9/8", "bits_bytes", "a 25 Gb NIC is ~3.1 GB/s, not 25 GB/s"), b=c(4, "n", "100e9/@a")))

case("spoken", "peak",
"""At 9am Monday, uh, there's the login storm. 10 million employees, sixty percent of them log in between 8:45 and 9:15, so [[a|6 million logins in half an hour]], [[b|about 3,300 a second]].""",
dict(a=c(6e6, "n", "10e6*0.6"), b=c(3300, "/s", "@a/1800")))

case("spoken", "cost",
"""So two billion API calls a month, priced at a dollar per million, that's [[a|$2,000]] a month, which is a rounding error.""",
dict(a=c(2000, "$/month", "2e9/1e6*1")))

case("spoken", "storage",
"""The ledger. 40 million transactions a day at 1 KB each is [[a|40 gigs a day]], times 365 is [[b|14.6 terabytes a year]], seven years retention for compliance, [[c|about 100 terabytes]], and two copies, [[d|200 terabytes]].""",
dict(a=c(40e9, "B/day", "40e6*1e3"), b=c(14.6e12, "B/year", "@a*365"), c=c(100e12, "B", "@b*7"), d=c(200e12, "B", "@c*2")))

case("spoken", "storage",
"""Three replicas in each of two regions, so six copies of the 50 terabyte dataset, so [[a|300 terabytes]] of raw disk.""",
dict(a=c(300e12, "B", "50e12*6")))

case("spoken", "connections",
"""Postgres takes like 500 connections per primary. We have 120 app pods, each with a pool of 20, so [[a|2,400 connections]], which is [[b|nearly 5x]] over, so we need PgBouncer in front.""",
dict(a=c(2400, "n", "120*20"), b=c(5, "n", "@a/500")))

case("spoken", "qps",
"""200 million monthly actives, DAU is a quarter of that, and ten percent of daily actives post a story, so [[a|5 million stories a day]].""",
dict(a=c(5e6, "n/day", "200e6*0.25*0.1")))

case("spoken", "bandwidth",
"""Per region egress, um, 80K concurrent streams at two point five megabits, so [[a|200 gigabits a second]], which is [[b|about 25 gigabytes a second]].""",
dict(a=c("200e9/8", "B/s", "80e3*2.5e6/8"), b=c(25e9, "B/s", "@a")))

case("spoken", "latency",
"""Round trip across the Atlantic is about 80 milliseconds, and we do four sequential round trips for TCP, TLS and the request, so [[a|320 microseconds]] before the first byte.""",
dict(a=c(320e-6, "s", "4*0.08", "unit_prefix", "4 x 80 ms = 320 ms, not microseconds")))

case("spoken", "cost",
"""So forty percent of our traffic is video, and of that video, seventy percent goes through the CDN. Total egress 5 petabytes a month, so CDN video is [[a|1.4 petabytes]] a month, at one cent a gig that's [[b|$14,000 a month]].""",
dict(a=c(1.4e15, "B/month", "5e15*0.4*0.7"), b=c(14000, "$/month", "@a/1e9*0.01")))

case("spoken", "storage",
"""Uploads are 20,000 minutes of video every minute. We store four renditions at about 10 megs per minute each, so storage grows by 20,000 times 4 times 10 megs, [[a|800 gigabytes a minute]].""",
dict(a=c(800e9, "B/min", "20000*4*10e6")))

case("spoken", "qps",
"""So... the thing is, um, 1.5 billion page views a month, that's, what, [[a|fifty million a day]], which is [[b|like 600 a second]], and we'd want to handle 10x peak, [[c|6,000]].""",
dict(a=c(5e7, "n/day", "1.5e9/30"), b=c(600, "/s", "@a/86400"), c=c(6000, "/s", "@b*10")))

# ---------------- written
case("written", "qps",
"""- DAU 80M
- 12 searches/user/day
→ [[a|~960M searches/day]]
→ [[b|~11K QPS avg]]
→ peak ×3 ≈ [[c|33K QPS]]""",
dict(a=c(9.6e8, "n/day", "80e6*12"), b=c(11000, "/s", "@a/86400"), c=c(33000, "/s", "@b*3")))

case("written", "storage",
"""| item | value |
|---|---|
| uploads/day | 2M |
| avg size | 4 MB |
| daily | [[a|8 TB]] |
| yearly | [[b|2.9 PB]] |
| 10 yr | [[c|2.9 EB]] |""",
dict(a=c(8e12, "B/day", "2e6*4e6"), b=c(2.9e15, "B/year", "@a*365"), c=c(2.9e18, "B", "@b*10", "power_of_ten", "2.9 PB x 10 = 29 PB, not 2.9 EB (x100)")))

case("written", "bandwidth",
"""Egress ≈ [[a|12 Gbps]] at peak (50K req/s × 30 KB avg response = [[b|1.5 GB/s]])""",
dict(a=c("12e9/8", "B/s", "50e3*30e3"), b=c(1.5e9, "B/s", "50e3*30e3")))

case("written", "bandwidth",
"""Backup window: 40 TB nightly, 4 h window
40 TB / 14,400 s ≈ [[a|2.8 GB/s]] ≈ [[b|2.8 Gbps]] → a single 10G link is enough""",
dict(a=c(2.8e9, "B/s", "40e12/14400"), b=c("2.8e9/8", "B/s", "@a", "bits_bytes", "2.8 GB/s is ~22 Gbps, not 2.8 Gbps")))

case("written", "cache",
"""Hot set: 20% of 300M items × 2 KB = [[a|120 GB]]
+ 30% overhead → [[b|~156 GB]]
64 GB nodes → [[c|3 nodes]] (+1 spare = [[d|4]])""",
dict(a=c(120e9, "B", "0.2*300e6*2e3"), b=c(156e9, "B", "@a*1.3"), c=c(3, "n", "ceil(@b/64e9)"), d=c(4, "n", "@c+1")))

case("written", "kafka",
"""clickstream: 864M events/day
→ 864M / 3600 = [[a|240K events/s]]
× 1 KB = [[b|240 MB/s]] → partitions @10 MB/s: [[c|24]]""",
dict(a=c(240e3, "/s", "864e6/86400", "per_day_per_second", "divided by 3,600 instead of 86,400: 864M/day is 10K/s"), b=c(240e6, "B/s", "@a*1e3"), c=c(24, "n", "@b/10e6")))

case("written", "servers",
"""Inputs:
* peak 90K rps
* 1,500 rps per node (load test)
* N+2
Result: [[a|62 nodes]] (60 + 2)""",
dict(a=c(62, "n", "ceil(90e3/1500)+2")))

case("written", "storage",
"""raw logs 5 TB/day, compressed 10:1 → [[a|50 TB/day]] stored""",
dict(a=c(50e12, "B/day", "5e12/10", "multiplier", "10:1 compression divides by 10 (0.5 TB/day); multiplied instead")))

case("written", "cost",
"""| line | calc | $/mo |
|---|---|---|
| compute | 120 × $0.50/h × 730 | [[a|$43.8K]] |
| storage | 400 TB × $20/TB | [[b|$8K]] |
| egress | 200 TB × $50/TB | [[c|$10K]] |
| total | | [[d|~$62K]] |""",
dict(a=c(43800, "$/month", "120*0.5*730"), b=c(8000, "$/month", "400*20"), c=c(10000, "$/month", "200*50"), d=c(62000, "$/month", "@a+@b+@c")))

case("written", "cache",
"""reads 200K/s, hit rate 85%
→ DB load = 200K × 0.85 = [[a|170K/s]]
→ at 10K/s per replica: [[b|17 replicas]]""",
dict(a=c(170e3, "/s", "200e3*(1-0.85)", "percent_base", "the DB sees the 15% misses = 30K/s, not the 85% hits"), b=c(17, "n", "@a/10e3")))

case("written", "latency",
"""p99 budget 300 ms
- edge/TLS 40
- auth 15
- 3 sequential service calls × 35 = [[a|105]]
- DB 60
= [[b|220 ms]] → [[c|80 ms]] slack""",
dict(a=c(0.105, "s", "3*0.035", k=1e-3), b=c(0.22, "s", "0.04+0.015+@a+0.06"), c=c(0.08, "s", "0.3-@b")))

case("written", "latency",
"""Merge in aggregator: 2,000 partial results × 15 µs each = [[a|30 s]]  ← too slow? → move merge to leaves""",
dict(a=c(30, "s", "2000*15e-6", "unit_prefix", "2,000 x 15 us = 30 ms, not 30 s")))

case("written", "shards",
"""Shards: 12 TB data / 500 GB target per shard = [[a|24 shards]] → round up to [[b|32]] (pow2)""",
dict(a=c(24, "n", "12e12/500e9"), b=c(32, "n", "2**ceil(math.log2(@a))")))

case("written", "storage",
"""Chat media: 30M photos/day × 300 KB, 3 replicas, kept 2 yrs
= [[d|9 TB/day]] → ×730 days = [[a|6.6 PB]] total""",
dict(d=c(9e12, "B/day", "30e6*300e3"), a=c(6.6e15, "B", "@d*730*3", "dropped_factor", "the 3 replicas named in the inputs were left out: 9 TB x 730 x 3 = 19.7 PB")))

case("written", "connections",
"""Push gateway
- 120M devices online at peak
- 1 persistent conn each
- 400K conns / box (tuned)
=> [[a|300 boxes]], ×1.5 for AZ loss => [[b|450]]""",
dict(a=c(300, "n", "120e6/400e3"), b=c(450, "n", "@a*1.5")))

case("written", "qps",
"""Orders: 3.6M/hr at peak → [[a|600/s]]
→ ×4 line items/order → [[b|2,400 inventory writes/s]]""",
dict(a=c(600, "/s", "3.6e6/3600", "arithmetic", "3.6M / 3,600 = 1,000/s"), b=c(2400, "/s", "@a*4")))

case("written", "bandwidth",
"""Thumbnails: 1.2M req/s × 8 KB ≈ [[a|9.6 GB/s]] ≈ [[b|77 Gbps]] → [[c|8–10 × 10G NICs]]""",
dict(a=c(9.6e9, "B/s", "1.2e6*8e3"), b=c("77e9/8", "B/s", "@a"), c=c(8, "n", "ceil(@b*8/10e9)")))

case("written", "kafka",
"""Broker disk ≈ [[a|520 TB]]. Derivation: 200 MB/s in × 86,400 = [[b|17.3 TB/day]]; × 10 days retention = [[c|173 TB]]; × RF3 = [[d|519 TB]].""",
dict(a=c(520e12, "B", "200e6*86400*10*3"), b=c(17.3e12, "B/day", "200e6*86400"), c=c(173e12, "B", "@b*10"), d=c(519e12, "B", "@c*3")))

case("written", "cost",
"""LLM serving
50K req/min × 1,500 tokens = [[a|75M tokens/min]]
= [[b|~108B tokens/day]]
@ $0.50 / 1M tokens → [[c|~$54K/day]]""",
dict(a=c(75e6, "n/min", "50e3*1500"), b=c(108e9, "n/day", "@a*1440"), c=c(54000, "$/day", "@b/1e6*0.5")))

case("written", "peak",
"""Traffic curve: flat 2K rps overnight; 9am spike = 8× overnight → [[a|16K rps]]; lunch ≈ 60% of the 9am peak → [[b|~9.6K rps]]""",
dict(a=c(16000, "/s", "2e3*8"), b=c(9600, "/s", "@a*0.6")))
