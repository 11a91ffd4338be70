#!/usr/bin/python3
"""zeep (Debian python3-zeep) client: Add(2,3), Echo(TEXT), EchoBytes(2048 bytes) against one address.

    /usr/bin/python3 zeep_call.py --binding basic|ws --address URL [--ops add,echo,bytes]

The contract is ../wsdl/calc.wsdl, Mono WCF's WSDL repaired (see ../README.md), read from the file,
so the server needs no WSDL. basic: BasicHttpBinding_ICalculator, SOAP 1.1. ws: WSHttpBinding_ICalculator,
SOAP 1.2 + WS-Addressing 1.0 (zeep adds the wsa headers by itself because the binding's policy says
wsaw:UsingAddressing; do not add a WsAddressingPlugin as well: every header would be sent twice).
Exit code 0 when every answer is right.
"""
import argparse
import os
import sys

import zeep
from zeep.transports import Transport

ap = argparse.ArgumentParser()
ap.add_argument('--binding', default='basic', choices=['basic', 'ws'])
ap.add_argument('--address', required=True)
ap.add_argument('--ops', default='add,echo,bytes')
args = ap.parse_args()
ops = args.ops.split(',')
TEXT = 'hello \u00e9\u4e16 <&>'
DATA = bytes(i % 251 for i in range(2048))
WSDL = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'wsdl', 'calc.wsdl')
BINDING = {'basic': 'BasicHttpBinding_ICalculator', 'ws': 'WSHttpBinding_ICalculator'}[args.binding]

ok = True
try:
    client = zeep.Client(WSDL, transport=Transport(timeout=10, operation_timeout=10))
    svc = client.create_service('{http://tempuri.org/}' + BINDING, args.address)
    if 'add' in ops:
        r = svc.Add(2, 3)
        print(f'zeep[{args.binding}]: Add(2,3) = {r}')
        ok &= r == 5
    if 'echo' in ops:
        r = svc.Echo(TEXT)
        print(f'zeep[{args.binding}]: Echo = {r}')
        ok &= r == TEXT
    if 'bytes' in ops:
        r = svc.EchoBytes(DATA)
        print(f'zeep[{args.binding}]: EchoBytes len={len(r or b"")} same={r == DATA}')
        ok &= r == DATA
except Exception as e:  # report, exit 1
    print(f'zeep[{args.binding}]: FAILED {type(e).__name__}: {str(e)[:300]}')
    ok = False
print(f'zeep[{args.binding}]: {"OK" if ok else "MISMATCH"}')
sys.exit(0 if ok else 1)
