#!/bin/bash
# Generate and build the gSOAP peer: calc_client and calc_server.
# Needs: apt-get install -y --no-install-recommends gsoap libgsoap-dev (and g++, libssl-dev, zlib1g-dev).
# Input: ../wsdl/calc.wsdl (+ calc.xsd0.xsd, calc.xsd1.xsd): Mono WCF's WSDL repaired (the ?xsd= import
# of the XML Schema namespace dropped, SOAP 1.2 bindings in the soap12 namespace, local XSD imports),
# checked in so that Mono is not needed to build.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf gen && mkdir gen && cd gen
wsdl2h -o calc.h -N calc ../../wsdl/calc.wsdl > wsdl2h.log 2>&1
echo '#import "wsa5.h"' >> calc.h          # WS-Addressing 1.0 headers (wsdl2h says to add it)
echo '#import "wsse.h"' >> calc.h          # WS-Security headers (the server checks UsernameToken / signatures when present)
soapcpp2 -x -L -I/usr/share/gsoap/import calc.h > soapcpp2.log 2>&1   # client and server code, plus WSDL/XSD files
cd ..
# The two programs are built side by side (2 cores; each compiles the large gen/soapC.cpp).
g++ -O1 -o calc_client -Igen -I/usr/share/gsoap client.cpp gen/soapC.cpp gen/soapClient.cpp \
    -x c++ /usr/share/gsoap/plugin/wsaapi.c /usr/share/gsoap/custom/struct_timeval.c -lgsoap++ &
client=$!
# server: SOAP 1.1/1.2, wsa + wsse plugins (verifies UsernameToken and signatures)
g++ -O1 -o calc_server -DWITH_OPENSSL -DWITH_DOM -DWITH_GZIP -Igen -I/usr/share/gsoap server.cpp gen/soapC.cpp gen/soapServer.cpp \
    -x c++ /usr/share/gsoap/plugin/wsseapi.c /usr/share/gsoap/plugin/smdevp.c /usr/share/gsoap/plugin/mecevp.c \
    /usr/share/gsoap/plugin/wsaapi.c /usr/share/gsoap/custom/struct_timeval.c -lgsoapssl++ -lssl -lcrypto -lz
wait $client
echo "built $(pwd)/calc_client $(pwd)/calc_server"
