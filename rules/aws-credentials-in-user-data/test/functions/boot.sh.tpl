#!/bin/bash
mkdir -p /root/.aws
cat > /root/.aws/config <<EOF
#   ^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
[default]
aws_access_key_id = ${key_id}
EOF
