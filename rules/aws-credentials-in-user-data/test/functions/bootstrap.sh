#!/bin/bash
yum install -y awscli
install -m 600 /tmp/ci-creds /root/.aws/credentials # expect: aws-credentials-in-user-data
