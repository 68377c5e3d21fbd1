#!/bin/bash
mkdir -p /root/.aws
cat > /root/.aws/config <<EOF # expect: aws-credentials-in-user-data
[default]
aws_access_key_id = ${key_id}
EOF
