ci_secret_key = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY" # expect: aws-hardcoded-access-key
