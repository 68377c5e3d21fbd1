ci_secret_key = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
#                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-hardcoded-access-key critical
