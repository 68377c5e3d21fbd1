#!/bin/bash
export AWS_REGION=eu-west-2
aws s3 cp s3://bucket/app /opt/app
