#!/bin/bash
yum install -y awscli
install -m 600 /tmp/ci-creds /root/.aws/credentials
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
