#!/usr/bin/python3
"""pcap_noend.py IN OUT - copies a libpcap file of RFC 4733 packets (such as
sipp's dtmf_2833_N.pcap) without the packets whose end bit is set: a key
press whose end packets were all lost on the way."""
import struct
import sys

import rtp_check


def main():
    src, dst = sys.argv[1:3]
    with open(src, "rb") as f:
        data = f.read()
    if data[:4] != b"\xd4\xc3\xb2\xa1" or struct.unpack("<I", data[20:24])[0] != 1:
        raise SystemExit("%s: want a little-endian Ethernet pcap" % src)
    out, off, kept, dropped = [data[:24]], 24, 0, 0
    while off + 16 <= len(data):
        incl = struct.unpack("<I", data[off + 8:off + 12])[0]
        rec = data[off:off + 16 + incl]
        off += 16 + incl
        ip = rec[16 + 14:]
        ihl = (ip[0] & 15) * 4
        p = rtp_check.parse_rtp(ip[ihl + 8:])
        if p and len(p["payload"]) >= 4 and p["payload"][1] & 0x80:
            dropped += 1
            continue
        out.append(rec)
        kept += 1
    with open(dst, "wb") as f:
        f.write(b"".join(out))
    print("%s: kept %d packets, dropped %d end packets" % (dst, kept, dropped))
    return 0 if dropped and kept else 1


if __name__ == "__main__":
    sys.exit(main())
