# Public access blocks created by module calls cover the buckets the calls name.

resource "aws_s3_bucket" "covered_by_ref" {
  bucket = "covered-by-ref"
}

module "pab_ref" {
  source = "./modules/pab"
  bucket = aws_s3_bucket.covered_by_ref.id
}

resource "aws_s3_bucket" "covered_by_name" {
  bucket = "covered-by-name"
}

module "pab_name" {
  source = "./modules/pab"
  bucket = "covered-by-name"
}

# The called module's own aws_s3_bucket.this is another bucket: this one has no block.
resource "aws_s3_bucket" "this" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-missing high
  bucket = "uncovered"
}

module "own" {
  source = "./modules/own-bucket"
}

# A call that names another bucket covers only that one.
resource "aws_s3_bucket" "other" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-missing high
  bucket = "other"
}

module "pab_elsewhere" {
  source = "./modules/pab"
  bucket = "somewhere-else"
}
